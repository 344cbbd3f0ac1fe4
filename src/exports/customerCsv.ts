import { stringify } from 'csv-stringify/sync';
import type { Translate } from '../i18n/i18n.js';
import type { RelationshipToPartner } from '../customers/customer.js';
import type { CustomerSummary } from '../customers/customerQuery.js';
import { relationshipLabel } from '../i18n/labels.js';

const BOM = '\uFEFF';

/**
 * The customer export as Partner Center makes it (Microsoft ID, Company name,
 * Primary domain name, Relationship), with headers and relationship names in
 * the user's language. UTF-8 with a BOM and CRLF line ends, so Excel opens
 * Chinese and Cyrillic names correctly.
 */
export function customerCsv(items: readonly CustomerSummary[], t: Translate): Buffer {
  const header = [t('export.columns.id'), t('export.columns.companyName'), t('export.columns.domain'), t('export.columns.relationship')];
  // A handful of relationship values: translate each once, not once per row (100,000 rows add up).
  const labels = new Map<RelationshipToPartner, string>();
  const label = (relationship: RelationshipToPartner) => labels.get(relationship) ?? labels.set(relationship, relationshipLabel(t, relationship)).get(relationship)!;
  const rows = items.map((c) => [c.id, neutralizeFormula(c.companyName), c.domain, label(c.relationshipToPartner)]);
  return excelCsv([header, ...rows]);
}

/** Rows as a CSV file Excel opens in any language: UTF-8 with a BOM, CRLF line ends. */
export function excelCsv(rows: readonly string[][]): Buffer {
  return Buffer.from(BOM + stringify(rows as string[][], { record_delimiter: 'windows' }), 'utf8');
}

/**
 * A cell starting with = + - @ (or tab/CR) is run as a formula by spreadsheet
 * programs; company names come from users, so such a cell gets a leading
 * apostrophe (OWASP's advice against CSV injection).
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
