import { counted, type TurnLocale } from '../../i18n/localizer.js';
import { countryChoices, type CountryNameLanguage } from '../../rules/countries.js';
import { USER_COLUMNS, USER_CSV_LIMITS, type ParsedUsers, type RowProblem, type UserColumn, type UserRow } from '../../rules/userCsv.js';
import type { FileContent } from '../flow.js';
import type { AddUsersState, Owner } from './addUsersFlow.js';

/** What was wrong with a file as a whole (not its rows). */
export interface FileProblem {
  problem: Extract<ParsedUsers, { ok: false }>['problem'] | Extract<FileContent, { ok: false }>['problem'];
  params?: Record<string, string | number>;
}

/** Users listed on the confirmation card; the rest are counted. */
const LISTED_USERS = 10;

function columnName({ t }: TurnLocale, name: string): string {
  if (!(USER_COLUMNS as readonly string[]).includes(name)) return name;
  const column = name as UserColumn;
  return t(`userCsv.columns.${column}`);
}

/** Column names as the language lists them ("Anzeigename und E-Mail", "显示名称和电子邮件"), not joined with an English comma. */
const listOf = ({ formatLocale }: TurnLocale, names: string[]): string => new Intl.ListFormat(formatLocale, { type: 'conjunction' }).format(names);

/** A problem of the whole file, in words (the missing columns named as the user's language names them). */
function fileProblemText(locale: TurnLocale, { problem, params = {} }: FileProblem): string {
  const { t, formatNumber } = locale;
  switch (problem) {
    case 'missingColumns':
      return t('userCsv.file.missingColumns', { columns: listOf(locale, String(params.columns ?? '').split(', ').map((c) => columnName(locale, c))) });
    case 'tooManyRows':
      return t('userCsv.file.tooManyRows', { max: formatNumber(USER_CSV_LIMITS.maxRows), ...counted(locale, Number(params.count ?? 0)) });
    case 'tooLarge':
      return t('userCsv.file.tooLarge', { size: '1 MB' });
    default:
      return t(`userCsv.file.${problem}`, params);
  }
}

/** "Line 4: the display name is missing", in the user's language. */
export function rowProblemText({ t }: TurnLocale, problem: RowProblem): string {
  return t('userCsv.problemLine', { line: problem.line, problem: t(`userCsv.problems.${problem.code}`, problem.params ?? {}) });
}

/** The card that asks for the file: what it must hold, the sample, and what was wrong with the last one. */
export function fileCardData(locale: TurnLocale, owner: Owner, state: AddUsersState, sampleUrl: string): Record<string, unknown> {
  const { t } = locale;
  const problems = (state.problems ?? []).map((p) => ({ text: rowProblemText(locale, p) }));
  const more = (state.problemCount ?? 0) - problems.length;
  const error = state.fileProblem
    ? fileProblemText(locale, state.fileProblem)
    : problems.length > 0
      ? t('userCsv.rowsHaveProblems', counted(locale, state.problemCount ?? problems.length))
      : '';
  return {
    title: t('addUsers.title', { company: owner.companyName }),
    intro: t('addUsers.intro', { max: locale.formatNumber(USER_CSV_LIMITS.maxRows), domain: owner.domain }),
    columns: t('addUsers.columns', { required: listOf(locale, [t('userCsv.columns.displayName'), t('userCsv.columns.email')]), optional: listOf(locale, [t('userCsv.columns.firstName'), t('userCsv.columns.lastName')]) }),
    howToAttach: t('addUsers.howToAttach'),
    sampleUrl,
    error,
    problems,
    more: more > 0 ? t('jobs.andMore', counted(locale, more)) : '',
  };
}

/** The last step before the job: who will be added, with which usage location. */
export function confirmCardData(locale: TurnLocale, owner: Owner, rows: readonly UserRow[]): Record<string, unknown> {
  const { t } = locale;
  const users = rows.slice(0, LISTED_USERS).map((r) => ({ name: r.displayName, email: r.email }));
  return {
    title: t('addUsers.confirmTitle', { company: owner.companyName }),
    summary: t('addUsers.ready', counted(locale, rows.length)),
    users,
    more: rows.length > LISTED_USERS ? t('jobs.andMore', counted(locale, rows.length - LISTED_USERS)) : '',
    countries: countryChoices(locale.language as CountryNameLanguage).map(({ code, name }) => ({ title: name, value: code })),
    usageLocation: owner.country,
    passwordNote: t('addUsers.passwordNote'),
  };
}
