import { randomUUID } from 'node:crypto';
import type { AddressStep, ContactStep } from '../rules/customerRules.js';
import type { Customer, CustomerAgreement } from './customer.js';

/** What the add-customer wizard collected, already validated. */
export interface NewCustomerInput {
  id: string;
  country: string;
  companyName: string;
  domain: string;
  address: AddressStep;
  contact: ContactStep;
  agreement?: { firstName: string; lastName: string; email: string; dateAgreed: string };
  createdBy: string;
  now: Date;
}

/** The stored record of a new customer, shaped like Partner Center's answer to POST /v1/customers. */
export function newCustomer(input: NewCustomerInput): Customer {
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
    id: input.id,
    commerceId: randomUUID(),
    companyProfile: {
      tenantId: input.id,
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
  };
}
