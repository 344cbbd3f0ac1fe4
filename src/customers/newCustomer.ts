import type { AddressStep, ContactStep } from '../rules/customerRules.js';
import type { CustomerAgreement } from './customer.js';
import type { NewCustomer } from './customerStore.js';

/** What the add-customer wizard collected, already validated. */
export interface NewCustomerInput {
  country: string;
  companyName: string;
  domain: string;
  address: AddressStep;
  contact: ContactStep;
  agreement?: { firstName: string; lastName: string; email: string; dateAgreed: string };
  createdBy: string;
  now: Date;
  /** An indirect provider's customer bought through one of its resellers. */
  associatedPartnerId?: string;
}

/** A new customer, shaped like Partner Center's POST /v1/customers body (the backend adds the ids). */
export function newCustomer(input: NewCustomerInput): NewCustomer {
  const { address, contact } = input;
  const { organizationRegistrationNumber, ...postal } = address;
  const at = input.now.toISOString();
  const agreement: CustomerAgreement | undefined = input.agreement && {
    type: 'MicrosoftCustomerAgreement',
    primaryContact: { firstName: input.agreement.firstName, lastName: input.agreement.lastName, email: input.agreement.email },
    dateAgreed: input.agreement.dateAgreed,
    recordedBy: input.createdBy,
    recordedAt: at,
  };
  return {
    companyProfile: {
      domain: input.domain,
      companyName: input.companyName,
      ...(organizationRegistrationNumber ? { organizationRegistrationNumber } : {}),
    },
    billingProfile: {
      companyName: input.companyName,
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      culture: contact.culture,
      language: contact.language,
      defaultAddress: { country: input.country, ...postal, firstName: contact.firstName, lastName: contact.lastName },
    },
    relationshipToPartner: 'reseller',
    createdAt: at,
    createdBy: input.createdBy,
    subscriptions: [],
    adminUserName: `admin@${input.domain}`,
    ...(agreement ? { agreement } : {}),
    ...(input.associatedPartnerId ? { associatedPartnerId: input.associatedPartnerId } : {}),
  };
}
