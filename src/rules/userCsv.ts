import { parse } from 'csv-parse/sync';

/**
 * Partner Center's "Upload users" file (domain.md §9), read and checked as
 * plain TypeScript: at most 100 data rows and 1 MB, the columns First name,
 * Last name, Display name (required) and Email (required) named in any of the
 * four languages (the names come from the locales) and in any order, UTF-8 with or without BOM, separated by
 * commas or semicolons (Excel in German writes semicolons). Every row is
 * checked before anything is created; problems are reported by line.
 */
export const USER_CSV_LIMITS = { maxRows: 100, maxBytes: 1024 * 1024, nameMax: 50, upnLocalMax: 64, upnDomainMax: 48, upnMax: 113 } as const;

export const USER_COLUMNS = ['firstName', 'lastName', 'displayName', 'email'] as const;
export type UserColumn = (typeof USER_COLUMNS)[number];

/** What a column may be called: Partner Center's names in each language (locales: `userCsv.columns.*`). */
export type ColumnNames = Record<UserColumn | 'status', readonly string[]>;

/** The names of each column in every language, from the locales' `userCsv.columns` (one bundle per language). */
export function columnNamesFrom(bundles: ReadonlyArray<{ userCsv?: { columns?: Partial<Record<UserColumn | 'status', string>> } }>): ColumnNames {
  const names = { firstName: [], lastName: [], displayName: [], email: [], status: [] } as Record<UserColumn | 'status', string[]>;
  for (const bundle of bundles) for (const column of Object.keys(names) as Array<UserColumn | 'status'>) {
    const name = bundle.userCsv?.columns?.[column];
    if (name) names[column].push(name);
  }
  return names;
}

/** Header names compared without case, spaces, hyphens and underscores (`E-Mail` = `email`). */
function headerKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\-_]/g, '');
}

function headerTable(names: ColumnNames): Map<string, UserColumn | 'status'> {
  const table = new Map<string, UserColumn | 'status'>();
  for (const [column, list] of Object.entries(names) as Array<[UserColumn | 'status', readonly string[]]>) for (const name of list) table.set(headerKey(name), column);
  return table;
}

export interface UserRow {
  /** The line of the file (the header is line 1). */
  line: number;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
}

export type ParsedUsers =
  | { ok: true; rows: UserRow[] }
  | { ok: false; problem: 'tooLarge' | 'notCsv' | 'empty' | 'tooManyRows' | 'missingColumns' | 'unknownColumns'; params?: Record<string, string | number> };

/** Reads the file: its size, its encoding, its header, its rows (nothing else is checked here). */
export function parseUserCsv(file: Buffer, names: ColumnNames): ParsedUsers {
  if (file.length > USER_CSV_LIMITS.maxBytes) return { ok: false, problem: 'tooLarge', params: { maxBytes: USER_CSV_LIMITS.maxBytes } };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(file).replace(/^\uFEFF/, '');
  // A binary file (a spreadsheet, an image) is no CSV.
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text) || text.includes('\uFFFD')) return { ok: false, problem: 'notCsv' };
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: false, trim: true, bom: true }) as string[][];
  } catch {
    return { ok: false, problem: 'notCsv' };
  }
  const [header, ...data] = records;
  if (!header || data.length === 0) return { ok: false, problem: 'empty' };
  if (data.length > USER_CSV_LIMITS.maxRows) return { ok: false, problem: 'tooManyRows', params: { max: USER_CSV_LIMITS.maxRows, count: data.length } };
  const headers = headerTable(names);
  // Partner Center writes its per-row result in the status column: allowed, ignored.
  const columns = header.map((name) => headers.get(headerKey(name)));
  const unknown = header.filter((_, i) => columns[i] === undefined);
  if (unknown.length > 0) return { ok: false, problem: 'unknownColumns', params: { columns: unknown.map((c) => c.slice(0, 40)).join(', ') } };
  const missing = (['displayName', 'email'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) return { ok: false, problem: 'missingColumns', params: { columns: missing.join(', ') } };
  const rows = data.map((record, i) => {
    const row: UserRow = { line: i + 2, firstName: '', lastName: '', displayName: '', email: '' };
    columns.forEach((column, c) => {
      if (column && column !== 'status') row[column] = (record[c] ?? '').replace(/\p{Cc}/gu, ' ').trim();
    });
    return row;
  });
  return { ok: true, rows };
}

export const ROW_PROBLEMS = ['displayNameRequired', 'displayNameTooLong', 'firstNameTooLong', 'lastNameTooLong', 'emailRequired', 'emailInvalid', 'emailDomain', 'emailDuplicate', 'userExists'] as const;
export type RowProblemCode = (typeof ROW_PROBLEMS)[number];

export interface RowProblem {
  line: number;
  code: RowProblemCode;
  params?: Record<string, string | number>;
}

/** Partner Center's user principal name rules: ≤64 before the @, ≤48 after, ≤113 in all; A–Z a–z 0–9 ' . - _ ! # ^ ~; no dot right before the @. */
export function isValidUserPrincipalName(upn: string): boolean {
  const at = upn.lastIndexOf('@');
  if (at <= 0 || upn.indexOf('@') !== at || upn.length > USER_CSV_LIMITS.upnMax) return false;
  const local = upn.slice(0, at);
  const domain = upn.slice(at + 1);
  if (local.length > USER_CSV_LIMITS.upnLocalMax || domain.length > USER_CSV_LIMITS.upnDomainMax) return false;
  if (!/^[A-Za-z0-9'.\-_!#^~]+$/.test(local) || local.endsWith('.') || local.startsWith('.')) return false;
  return isUserDomain(domain);
}

/** What may stand after the @ of a user name: ≤48 characters, labels of A–Z a–z 0–9 and hyphens. */
export const isUserDomain = (domain: string): boolean => /^(?=.{1,48}$)[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain);

/**
 * Every problem of every row, in line order: names too long or missing, an
 * email that is no valid user name, not on one of the customer's domains,
 * twice in the file, or a user the customer already has.
 */
export function validateUserRows(rows: readonly UserRow[], context: { customerDomains: readonly string[]; existingUsers: ReadonlySet<string> }): RowProblem[] {
  const domains = new Set(context.customerDomains.map((d) => d.toLowerCase()));
  const firstLine = new Map<string, number>();
  const problems: RowProblem[] = [];
  const max = USER_CSV_LIMITS.nameMax;
  for (const row of rows) {
    const add = (code: RowProblemCode, params?: Record<string, string | number>) => problems.push({ line: row.line, code, ...(params ? { params } : {}) });
    if (!row.displayName) add('displayNameRequired');
    else if ([...row.displayName].length > max) add('displayNameTooLong', { max });
    if ([...row.firstName].length > max) add('firstNameTooLong', { max });
    if ([...row.lastName].length > max) add('lastNameTooLong', { max });
    const email = row.email.toLowerCase();
    if (!email) {
      add('emailRequired');
      continue;
    }
    if (!isValidUserPrincipalName(row.email)) {
      add('emailInvalid', { email: row.email.slice(0, 120) });
      continue;
    }
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!domains.has(domain)) add('emailDomain', { email: row.email, domains: [...domains].join(', ') });
    const seen = firstLine.get(email);
    if (seen !== undefined) add('emailDuplicate', { email: row.email, line: seen });
    else firstLine.set(email, row.line);
    if (context.existingUsers.has(email)) add('userExists', { email: row.email });
  }
  return problems;
}
