import { transcript } from '../runner.js';

const CERAMICA = 'Cerámica Levante S.L.';

/**
 * Every main-menu button, and the buttons no other script presses: Menu from a card, Back in the wizard,
 * Cancel on the first wizard step, a choice among several matches and Cancel in the removal.
 */
export default transcript({
  name: 'menuButtons',
  steps: [
    { user: 'joins' },
    { press: 'menu.customerList' },
    { expect: { card: ['customerList.title', { key: 'customerList.count', params: { count: 21 } }] } },
    { press: 'menu.show' },
    { expect: { card: ['welcome.title', 'menu.addCustomer'] } },

    { press: 'menu.addCustomer' },
    { expect: { card: [{ key: 'addCustomer.progress', params: { step: 1, steps: 5, name: { key: 'addCustomer.steps.company' } } }] } },
    { press: 'addCustomer.buttons.next', inputs: { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtsoftware' } },
    { expect: { card: [{ key: 'addCustomer.progress', params: { step: 2, steps: 5, name: { key: 'addCustomer.steps.address' } } }] } },
    { press: 'addCustomer.buttons.back' },
    { expect: { card: [{ key: 'addCustomer.progress', params: { step: 1, steps: 5, name: { key: 'addCustomer.steps.company' } } }], inputs: { companyName: 'Nordlicht Software GmbH' } } },
    { press: 'addCustomer.buttons.cancel' },
    { expect: { card: ['addCustomer.cancelled'], list: { total: 21, excludes: ['Nordlicht Software GmbH'] } } },

    { user: { command: 'menu' } },
    { press: 'menu.endRelationship' },
    { expect: { card: ['endRelationship.pickPrompt'] } },
    { press: 'endRelationship.search', inputs: { searchTerm: 'le' } },
    { expect: { card: [{ key: 'endRelationship.several', params: { term: 'le' } }, { text: CERAMICA }] } },
    { press: { text: CERAMICA } },
    { expect: { card: [{ key: 'endRelationship.checkTitle', params: { company: CERAMICA } }] } },
    { press: 'addCustomer.buttons.cancel' },
    { expect: { card: ['endRelationship.cancelled'], list: { total: 21, includes: [CERAMICA] } } },

    { user: { command: 'menu' } },
    { press: 'menu.language' },
    { expect: { card: ['language.prompt'] } },
    { press: { language: 'next' } },
    // Nothing under the picker: the welcome comes again, in the new language, after the confirmation.
    { expect: { replies: 2, reply: 0, card: ['language.changed'] } },
    { expect: { replies: 2, reply: 1, card: ['welcome.title', { key: 'welcome.customerCount', params: { count: 21 } }, 'menu.customerList'] } },
  ],
});
