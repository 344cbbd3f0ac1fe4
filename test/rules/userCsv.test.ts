import { columnNamesFrom, isValidUserPrincipalName, parseUserCsv as parseWith, validateUserRows, type UserRow } from '../../src/rules/userCsv.js';
import { resources } from '../support/requestContext.js';

/** The column names of the four locales, as the bot reads them. */
const NAMES = columnNamesFrom(Object.values(resources).map((bundle) => bundle.common as never));
const parseUserCsv = (file: Buffer) => parseWith(file, NAMES);

const DOMAINS = ['contoso.onmicrosoft.com', 'contoso.de'];
const csv = (text: string, bom = false) => Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
const rows = (count: number, header = 'First name,Last name,Display name,Email') =>
  [header, ...Array.from({ length: count }, (_, i) => `Anna,Schmidt ${i},Anna Schmidt ${i},anna.schmidt${i}@contoso.de`)].join('\r\n');

describe('the "Upload users" file', () => {
  it('reads 100 rows with Partner Center\'s English header, numbering lines as the file does', () => {
    const parsed = parseUserCsv(csv(rows(100)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows).toHaveLength(100);
    expect(parsed.rows[0]).toEqual({ line: 2, firstName: 'Anna', lastName: 'Schmidt 0', displayName: 'Anna Schmidt 0', email: 'anna.schmidt0@contoso.de' });
    expect(validateUserRows(parsed.rows, { customerDomains: DOMAINS, existingUsers: new Set() })).toEqual([]);
  });

  it.each([
    ['German Excel: semicolons, a BOM, columns in another order', 'E-Mail;Anzeigename;Vorname;Nachname\r\njoerg@contoso.de;Jörg Müller;Jörg;Müller', true],
    ['Chinese header', '名字,姓氏,显示名称,电子邮件\nwei,wang,王伟,wang.wei@contoso.de', false],
    ['Russian header, Partner Center\'s status column left in', 'Имя,Фамилия,Отображаемое имя,Email,Обновление состояния\nАнна,Иванова,Анна Иванова,anna.ivanova@contoso.de,', false],
  ])('reads a file with a %s', (_what, text, bom) => {
    const parsed = parseUserCsv(csv(text, bom));
    expect(parsed).toMatchObject({ ok: true, rows: [{ line: 2 }] });
    if (parsed.ok) expect(parsed.rows[0]!.email).toMatch(/@contoso\.de$/);
  });

  it.each([
    ['101 data rows', csv(rows(101)), { problem: 'tooManyRows', params: { max: 100, count: 101 } }],
    ['over 1 MB', Buffer.alloc(1024 * 1024 + 1, 'a'), { problem: 'tooLarge', params: { maxBytes: 1_048_576 } }],
    ['not a CSV (a zip)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), { problem: 'notCsv' }],
    ['an unclosed quote', csv('Display name,Email\n"Anna,anna@contoso.de'), { problem: 'notCsv' }],
    ['a column Partner Center does not take', csv('Display name,Email,Department\nAnna,anna@contoso.de,Sales'), { problem: 'unknownColumns', params: { columns: 'Department' } }],
    ['no Email column', csv('First name,Display name\nAnna,Anna'), { problem: 'missingColumns', params: { columns: 'email' } }],
    ['only a header', csv('Display name,Email\n'), { problem: 'empty' }],
  ])('refuses %s, and nothing is read', (_what, file, expected) => {
    expect(parseUserCsv(file)).toEqual({ ok: false, ...expected });
  });

  it('reports each kind of invalid row by its line, all rows checked before anything is created', () => {
    const row = (line: number, displayName: string, email: string, firstName = '', lastName = ''): UserRow => ({ line, displayName, email, firstName, lastName });
    const problems = validateUserRows(
      [
        row(2, '', 'ok1@contoso.de'),
        row(3, 'x'.repeat(51), 'ok2@contoso.de', 'f'.repeat(51), 'l'.repeat(51)),
        row(4, 'No mail', ''),
        row(5, 'Bad mail', 'anna.@contoso.de'),
        row(6, 'Elsewhere', 'anna@fabrikam.com'),
        row(7, 'Twice', 'ok1@contoso.de'),
        row(8, 'Exists', 'existing@contoso.de'),
      ],
      { customerDomains: DOMAINS, existingUsers: new Set(['existing@contoso.de']) },
    );
    expect(problems.map((p) => `${p.line}:${p.code}`)).toEqual([
      '2:displayNameRequired',
      '3:displayNameTooLong',
      '3:firstNameTooLong',
      '3:lastNameTooLong',
      '4:emailRequired',
      '5:emailInvalid',
      '6:emailDomain',
      '7:emailDuplicate',
      '8:userExists',
    ]);
    expect(problems.find((p) => p.code === 'emailDuplicate')!.params).toEqual({ email: 'ok1@contoso.de', line: 2 });
  });

  it.each([
    ['anna.schmidt@contoso.de', true],
    ["o'brien_1!#^~-x@contoso.de", true],
    [`${'a'.repeat(64)}@contoso.de`, true],
    [`${'a'.repeat(65)}@contoso.de`, false],
    [`a@${'b'.repeat(40)}.contoso.de`, false],
    ['anna.@contoso.de', false],
    ['an&na@contoso.de', false],
    ['anna@@contoso.de', false],
    ['anna schmidt@contoso.de', false],
    ['jörg@contoso.de', false],
    ['anna@contoso', false],
  ])('user principal name %p is %p', (upn, valid) => {
    expect(isValidUserPrincipalName(upn)).toBe(valid);
  });
});
