import { transcript } from '../runner.js';

/** Adding a customer, cancelled at step 2: nothing is stored, and the abandoned card no longer works. */
export default transcript({
  name: 'cancelMidway',
  // Emulator only: it presses the wizard card after the cancellation, which Teams has replaced by then.
  channels: ['emulator'],
  steps: [
    { user: { command: 'addCustomer' } },
    { press: 'addCustomer.buttons.next', inputs: { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtsoftware' }, as: 'address step' },
    { expect: { card: [{ key: 'addCustomer.progress', params: { step: 2, steps: 5, name: { key: 'addCustomer.steps.address' } } }, 'addCustomer.buttons.cancel'] } },

    { press: 'addCustomer.buttons.cancel' },
    { expect: { replies: 1, card: ['addCustomer.cancelled', 'menu.show'] } },
    {
      expect: {
        list: { total: 21, excludes: ['Nordlicht Software GmbH'] },
        stored: async ({ directory, tenant }) => {
          expect(await directory.isDomainAvailable('nordlichtsoftware.onmicrosoft.com')).toBe(true);
          expect((await directory.list(tenant)).length).toBe(25);
        },
      },
    },

    // The wizard is gone: its card is stale, and there is nothing left to cancel.
    { press: 'addCustomer.buttons.next', on: 'address step', inputs: { addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117' } },
    { expect: { replies: 1, card: ['notice.staleCard'] } },
    { user: { command: 'cancel' } },
    { expect: { card: ['cancel.nothing'] } },
    { expect: { list: { total: 21 } } },
  ],
});
