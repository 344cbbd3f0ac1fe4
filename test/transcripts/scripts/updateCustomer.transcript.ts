import { AuditLog } from '../../../src/audit/auditLog.js';
import { transcript } from '../runner.js';

const CERAMICA = 'Cerámica Levante S.L.';

/**
 * Updating a customer's account info: the prefilled billing profile, "nothing changed", an invalid field
 * kept with its message, the review of the changed fields only (with the note on the company name), edit
 * and review again, save; the details card then shows the new values; started from the details card and
 * cancelled; a customer picked among several.
 */
export default transcript({
  name: 'updateCustomer',
  steps: [
    { user: { command: 'updateCustomer', argument: 'Cerámica' } },
    { expect: { card: [{ key: 'updateCustomer.title', params: { company: CERAMICA } }, 'updateCustomer.intro', { text: 'ceramicalevante.onmicrosoft.com' }, 'addCustomer.fields.city'], inputs: { city: 'Valencia', email: 'lucia.fernandez@ceramicalevante.es' } } },

    { press: 'updateCustomer.buttons.review' },
    { expect: { card: ['updateCustomer.noChange'] } },

    { press: 'updateCustomer.buttons.review', inputs: { email: 'lucia@', city: 'Alicante' } },
    { expect: { card: ['validation:emailInvalid'], inputs: { email: 'lucia@', city: 'Alicante' } } },

    { press: 'updateCustomer.buttons.review', inputs: { email: 'lucia.fernandez@ceramicalevante.es', city: 'Alicante', companyName: 'Cerámica Levante Holding S.L.' } },
    {
      expect: {
        card: [{ key: 'updateCustomer.reviewTitle', params: { company: CERAMICA } }, 'updateCustomer.yourChanges', { text: 'Valencia → Alicante' }, { text: 'Cerámica Levante S.L. → Cerámica Levante Holding S.L.' }, 'updateCustomer.companyNameNote'],
        absent: [{ text: 'lucia.fernandez@ceramicalevante.es' }],
        replaced: true,
      },
    },
    { press: 'updateCustomer.buttons.edit' },
    { expect: { card: ['updateCustomer.intro'], inputs: { city: 'Alicante' } } },
    { press: 'updateCustomer.buttons.review', inputs: { companyName: 'Cerámica Levante S.L.' } },
    { expect: { card: [{ text: 'Valencia → Alicante' }], absent: ['updateCustomer.companyNameNote'] } },
    { press: 'updateCustomer.buttons.save' },
    {
      expect: {
        replaced: true,
        card: ['updateCustomer.doneTitle', { key: 'updateCustomer.doneSummary', params: { company: CERAMICA } }, { text: 'Valencia → Alicante' }],
        stored: async ({ directory, dataDir, tenant }) => {
          const customer = (await directory.list(tenant)).find((c) => c.companyProfile.companyName === CERAMICA)!;
          expect(customer.billingProfile.defaultAddress.city).toBe('Alicante');
          // Who changed which fields, not the values.
          const entries = await new AuditLog(dataDir).entries(tenant);
          expect(entries).toEqual([expect.objectContaining({ action: 'updateAccount', customerId: customer.id, fields: ['city'], actor: 'user-1' })]);
          expect(JSON.stringify(entries)).not.toContain('Alicante');
        },
      },
    },
    { press: 'feed.details', as: 'details' },
    // The details show the new values, and how many users the customer has (the demo customers have three).
    { expect: { card: [{ text: 'Alicante' }, 'customerDetails.users', { text: '3' }] } },

    // From the details card; cancelled, nothing changes.
    { press: 'menu.updateCustomer', on: 'details' },
    { expect: { inputs: { city: 'Alicante' } } },
    { press: 'updateCustomer.buttons.cancel' },
    { expect: { card: ['updateCustomer.cancelled'] } },

    // Several customers match: pick one.
    { user: { command: 'updateCustomer', argument: 'gmbh' } },
    { expect: { card: ['updateCustomer.pickTitle', 'updateCustomer.several', { text: 'Grünwald Holzbau GmbH' }] } },
    { press: { text: 'Grünwald Holzbau GmbH' } },
    { expect: { card: [{ key: 'updateCustomer.title', params: { company: 'Grünwald Holzbau GmbH' } }] } },
  ],
});
