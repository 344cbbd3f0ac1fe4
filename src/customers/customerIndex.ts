import { searchKey } from '../text/searchKey.js';
import { matchesRelationship, type Customer, type RelationshipFilter } from './customer.js';
import type { CustomerPage, CustomerQuery, CustomerSummary } from './customerQuery.js';

interface Entry {
  summary: CustomerSummary;
  nameKey: string;
  domainKey: string;
}

/** Separates the fields of a haystack; searchKey removes control characters, so no key contains it. */
const FIELD = '\u0001';

/**
 * One ordering of the list, with a search string per row built in that order:
 * `FIELD name FIELD domain`. A term found right after FIELD is a prefix of the
 * name or the domain; found anywhere else, a substring. Allocating these
 * strings in sorted order keeps a search's scan over memory sequential, which
 * at 100,000 customers is several times faster than following the entries.
 */
interface SortedView {
  entries: Entry[];
  haystacks: string[];
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
  private readonly sorted = new Map<string, SortedView>();

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
    const { entries, haystacks } = this.ordered(locale, relationship);
    const term = searchKey(search ?? '');
    let matches = entries;
    if (term) {
      const prefix: Entry[] = [];
      const substring: Entry[] = [];
      const atStart = FIELD + term;
      for (let i = 0; i < haystacks.length; i++) {
        const haystack = haystacks[i]!;
        if (haystack.includes(atStart)) prefix.push(entries[i]!);
        else if (haystack.includes(term)) substring.push(entries[i]!);
      }
      matches = prefix.concat(substring);
    }
    const end = limit === undefined ? undefined : offset + limit;
    return { total: matches.length, items: matches.slice(offset, end).map((entry) => ({ ...entry.summary })) };
  }

  private ordered(locale: string, relationship: RelationshipFilter): SortedView {
    const key = `${locale}\n${relationship}`;
    let view = this.sorted.get(key);
    if (!view) {
      // Base letters first (Müller files with Muller); names equal at that level keep the
      // locale's full order (Muller before Müller); the domain settles true duplicates.
      const base = new Intl.Collator(locale, { sensitivity: 'base', numeric: true }).compare;
      const full = new Intl.Collator(locale, { numeric: true }).compare;
      const entries = this.entries
        .filter((entry) => matchesRelationship(entry.summary, relationship))
        .sort(
          (a, b) =>
            base(a.summary.companyName, b.summary.companyName) ||
            full(a.summary.companyName, b.summary.companyName) ||
            full(a.summary.domain, b.summary.domain),
        );
      view = { entries, haystacks: entries.map((entry) => FIELD + entry.nameKey + FIELD + entry.domainKey) };
      this.sorted.set(key, view);
    }
    return view;
  }
}
