import { transcript } from '../runner.js';

/**
 * Requesting a reseller relationship: when to invite instead of adding, delegated admin privileges on by
 * default and turned off, the e-mail written in the language the customer reads (Russian here, whatever the
 * user's own) with the partner's invitation link, changed and written again, done; started again from the
 * customer list's button and cancelled.
 */
export default transcript({
  name: 'inviteCustomer',
  steps: [
    { user: { command: 'inviteCustomer' } },
    { expect: { card: ['inviteCustomer.title', 'inviteCustomer.when', 'inviteCustomer.delegatedAdmin', 'inviteCustomer.gdapNote', 'inviteCustomer.emailLanguage'], inputs: { delegatedAdmin: 'true' } } },

    { press: 'inviteCustomer.buttons.draft', inputs: { delegatedAdmin: 'false', emailLanguage: 'ru' } },
    {
      expect: {
        replaced: true,
        card: ['inviteCustomer.draftIntro', 'inviteCustomer.link', { text: 'invType=ResellerRelationship' }, { text: 'DAP=false' }],
        inputs: { subject: 'Приглашение: назначьте нас вашим поставщиком облачных решений Майкрософт' },
      },
    },
    { press: 'inviteCustomer.buttons.back' },
    { expect: { inputs: { delegatedAdmin: 'false', emailLanguage: 'ru' } } },
    { press: 'inviteCustomer.buttons.draft', inputs: { delegatedAdmin: 'true' } },
    { expect: { card: [{ text: 'DAP=true' }] } },
    { press: 'inviteCustomer.buttons.done' },
    { expect: { card: ['inviteCustomer.sent'] } },

    // From the customer list's button; cancelled.
    { user: { command: 'customerList' } },
    { press: 'menu.inviteCustomer' },
    { expect: { card: ['inviteCustomer.title'] } },
    { press: 'addUsers.buttons.cancel' },
    { expect: { card: ['inviteCustomer.cancelled'] } },
  ],
});
