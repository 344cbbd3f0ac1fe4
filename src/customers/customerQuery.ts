import type { RelationshipFilter, RelationshipToPartner } from './customer.js';

/** One row of the customer list: what Partner Center's list and export show. */
export interface CustomerSummary {
  id: string;
  companyName: string;
  domain: string;
  relationshipToPartner: RelationshipToPartner;
  /** The billing address's country (ISO 3166-1 alpha-2), when the source has it. */
  country?: string;
  /** The indirect reseller the customer buys through (`associatedPartnerId`), when the partner is its provider. */
  resellerId?: string;
  /** Subscriptions not deleted or expired, when the source has them (Partner Center's customer list does not). */
  subscriptionCount?: number;
  /** When the reseller relationship ended (ISO 8601), when the source keeps it (Partner Center does not). */
  endedAt?: string;
}

export interface CustomerQuery {
  relationship: RelationshipFilter;
  /** Matched against company name and primary domain, case- and accent-insensitively. */
  search?: string;
  /** Only the customers of this indirect reseller (Partner Center's "Filter by indirect reseller"). */
  reseller?: string;
  /** Locale whose collation orders the list, e.g. `de-DE`. */
  locale: string;
  offset?: number;
  /** Page size; all matches when omitted (export). */
  limit?: number;
}

export interface CustomerPage {
  /** How many customers match, over all pages. */
  total: number;
  items: CustomerSummary[];
}
