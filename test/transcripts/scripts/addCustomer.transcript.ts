import { transcript } from '../runner.js';

const COMPANY = 'Nordlicht Software GmbH';
const DOMAIN = 'nordlichtsoftware.onmicrosoft.com';
const step = (n: number, name: 'company' | 'address' | 'contact' | 'agreement' | 'review') =>
  ({ key: 'addCustomer.progress', params: { step: n, steps: 5, name: { key: `addCustomer.steps.${name}` } } }) as const;

/** The add-customer wizard end to end, with a correction from the review; the customer is then stored and listed. */
export default transcript({
  name: 'addCustomer',
  steps: [
    { user: { command: 'addCustomer' } },
    { expect: { card: ['addCustomer.title', step(1, 'company'), 'addCustomer.fields.country', 'addCustomer.fields.companyName', 'addCustomer.fields.domainPrefix', { text: '.onmicrosoft.com' }] } },

    { press: 'addCustomer.buttons.next', inputs: { country: 'DE', companyName: COMPANY, domainPrefix: 'nordlichtsoftware' } },
    { expect: { card: [step(2, 'address'), 'addCustomer.fields.addressLine1', 'addCustomer.fields.postalCode', 'addCustomer.fields.phoneNumberOptional', 'addCustomer.buttons.back'] } },

    // A typo in the street, corrected from the review below.
    { press: 'addCustomer.buttons.next', inputs: { addressLine1: 'Friedrichstrasse 321', city: 'Berlin', postalCode: '10117', phoneNumber: '+49 30 1234567' } },
    { expect: { card: [step(3, 'contact'), 'addCustomer.fields.firstName', 'addCustomer.fields.email', 'addCustomer.fields.culture'], inputs: { culture: 'de-DE' } } },

    { press: 'addCustomer.buttons.next', inputs: { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@nordlicht.example', culture: 'de-DE' } },
    { expect: { card: [step(4, 'agreement'), 'addCustomer.buttons.skip'], inputs: { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@nordlicht.example' } } },

    { press: 'addCustomer.buttons.skip' },
    { expect: { card: [step(5, 'review'), { text: COMPANY }, { text: DOMAIN }, { text: 'Friedrichstrasse 321' }, { text: '10117' }, { text: 'greta@nordlicht.example' }, 'addCustomer.review.agreementSkipped', 'addCustomer.buttons.create'] } },

    // Edit the address: the step comes back with what was accepted (the phone in E.164), and Next returns to the review.
    { press: 'addCustomer.buttons.edit', within: 'addCustomer.steps.address' },
    { expect: { card: [step(2, 'address')], inputs: { addressLine1: 'Friedrichstrasse 321', city: 'Berlin', postalCode: '10117', phoneNumber: '+49301234567' } } },
    { press: 'addCustomer.buttons.next', inputs: { addressLine1: 'Friedrichstraße 123' } },
    { expect: { card: [step(5, 'review'), { text: 'Friedrichstraße 123' }, { text: 'Berlin' }, { text: 'Greta' }], absent: [{ text: 'Friedrichstrasse 321' }] } },
    { expect: { list: { search: 'nordlicht', total: 0 } } },

    { press: 'addCustomer.buttons.create' },
    {
      expect: {
        card: ['addCustomer.result.title', { key: 'addCustomer.result.created', params: { company: COMPANY } }, { text: `admin@${DOMAIN}` }, 'addCustomer.result.password', 'addCustomer.result.agreementNeeded'],
      },
    },
    {
      expect: {
        list: { search: 'nordlicht', total: 1, includes: [COMPANY] },
        stored: async ({ directory, tenant }) => {
          const [summary] = (await directory.query(tenant, { relationship: 'active', search: DOMAIN, locale: 'en-US' })).items;
          const customer = await directory.get(tenant, summary!.id);
          expect(customer).toMatchObject({
            relationshipToPartner: 'reseller',
            adminUserName: `admin@${DOMAIN}`,
            createdBy: 'user-1',
            companyProfile: { companyName: COMPANY, domain: DOMAIN },
            billingProfile: {
              firstName: 'Greta',
              lastName: 'Lindqvist',
              email: 'greta@nordlicht.example',
              culture: 'de-DE',
              defaultAddress: { country: 'DE', addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117' },
            },
          });
          expect(customer?.agreement).toBeUndefined();
          expect(await directory.count(tenant, 'active')).toBe(22);
          expect(JSON.stringify(customer)).not.toMatch(/password/i);
        },
      },
    },

    // "I've copied it": the card comes again in place, the same facts without the password.
    { press: 'addCustomer.buttons.passwordCopied' },
    { expect: { card: ['addCustomer.result.title', { text: `admin@${DOMAIN}` }, 'addCustomer.result.passwordHidden'], absent: ['addCustomer.result.passwordNote', 'addCustomer.buttons.passwordCopied'] } },

    { user: { command: 'customerList', argument: 'nordlicht' } },
    { expect: { card: [{ key: 'customerList.count', params: { count: 1 } }, { text: COMPANY }, { text: DOMAIN }] } },
    { press: 'customerList.openDetails', within: { text: COMPANY } },
    { expect: { card: [{ text: COMPANY }, { text: 'Friedrichstraße 123, 10117 Berlin' }, { text: 'Greta Lindqvist' }, 'customerDetails.noSubscriptions'] } },
  ],
});
