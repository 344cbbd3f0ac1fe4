import { searchKey } from '../text/searchKey.js';
import { matchesRelationship, type Customer, type RelationshipFilter } from './customer.js';
import type { CustomerPage, CustomerQuery, CustomerSummary } from './customerQuery.js';

interface Entry {
  summary: CustomerSummary;
  nameKey: string;
  domainKey: string;
}

/**
 * The customer list of one tenant, ready to page and search fast: search keys
 * are computed once, and each (locale, relationship) ordering is sorted once
 * with that locale's collation and reused until the data changes (a new index
 * is built then). Prefix matches on name or domain come first, then substring
 * matches, each group in collation order.
 */
export class CustomerIndex {
  private readonly entries: Entry[];
  private readonly sorted = new Map<string, Entry[]>();

  constructor(customers: readonly Customer[]) {
    this.entries = customers.map((customer) => ({
      summary: {
        id: customer.id,
        companyName: customer.companyProfile.companyName,
        domain: customer.companyProfile.domain,
        relationshipToPartner: customer.relationshipToPartner,
      },
      nameKey: searchKey(customer.companyProfile.companyName),
      domainKey: searchKey(customer.companyProfile.domain),
    }));
  }

  query({ relationship, search, locale, offset = 0, limit }: CustomerQuery): CustomerPage {
    const ordered = this.ordered(locale, relationship);
    const term = searchKey(search ?? '');
    let matches = ordered;
    if (term) {
      const prefix: Entry[] = [];
      const substring: Entry[] = [];
      for (const entry of ordered) {
        if (entry.nameKey.startsWith(term) || entry.domainKey.startsWith(term)) prefix.push(entry);
        else if (entry.nameKey.includes(term) || entry.domainKey.includes(term)) substring.push(entry);
      }
      matches = prefix.concat(substring);
    }
    const end = limit === undefined ? undefined : offset + limit;
    return { total: matches.length, items: matches.slice(offset, end).map((entry) => ({ ...entry.summary })) };
  }

  private ordered(locale: string, relationship: RelationshipFilter): Entry[] {
    const key = `${locale}\n${relationship}`;
    let ordered = this.sorted.get(key);
    if (!ordered) {
      const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
      ordered = this.entries
        .filter((entry) => matchesRelationship(entry.summary, relationship))
        .sort((a, b) => collator.compare(a.summary.companyName, b.summary.companyName) || collator.compare(a.summary.domain, b.summary.domain));
      this.sorted.set(key, ordered);
    }
    return ordered;
  }
}
