import { prepareActions } from '../../src/cards/cardActions.js';

const card = {
  type: 'AdaptiveCard',
  body: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Next', data: { verb: 'addCustomer.next' } }] }],
  actions: [
    { type: 'Action.Submit', title: 'Menu', data: { verb: 'menu' } },
    { type: 'Action.OpenUrl', title: 'Open', url: 'https://example.com' },
  ],
};
const stamp = { verbPrefix: 'addCustomer.', fields: { promptId: 'p-1', owner: '29:anna' } };

describe('prepareActions', () => {
  it('stamps only the flow\'s own actions: a Menu button on a flow card is not an answer to the flow', () => {
    const prepared = prepareActions(card, { stamp, execute: false }) as typeof card;
    expect(prepared.body[0]!.actions[0]!.data).toEqual({ verb: 'addCustomer.next', promptId: 'p-1', owner: '29:anna' });
    expect(prepared.actions[0]!.data).toEqual({ verb: 'menu' });
    // The template itself is untouched (it is shared by every turn).
    expect(card.body[0]!.actions[0]!.data).toEqual({ verb: 'addCustomer.next' });
  });

  it('for Teams, makes every Submit an Execute with the same verb and data, and the Submit as its fallback', () => {
    const prepared = prepareActions(card, { stamp, execute: true }) as unknown as { body: Array<{ actions: unknown[] }>; actions: unknown[] };
    const submit = { type: 'Action.Submit', title: 'Next', data: { verb: 'addCustomer.next', promptId: 'p-1', owner: '29:anna' } };
    expect(prepared.body[0]!.actions[0]).toEqual({ type: 'Action.Execute', title: 'Next', verb: 'addCustomer.next', data: submit.data, fallback: submit });
    expect(prepared.actions[1]).toEqual(card.actions[1]);
  });

  it('leaves a stamp without an owner (a personal chat) without the field', () => {
    const prepared = prepareActions(card, { stamp: { verbPrefix: 'addCustomer.', fields: { promptId: 'p-2', owner: undefined } }, execute: false }) as typeof card;
    expect(prepared.body[0]!.actions[0]!.data).toEqual({ verb: 'addCustomer.next', promptId: 'p-2' });
  });
});
