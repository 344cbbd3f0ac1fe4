import type { Translate } from '../i18n/i18n.js';
import { excelCsv as csv, neutralizeFormula } from './customerCsv.js';

/**
 * The sample file for "add users": Partner Center's columns, named in the
 * user's language, with two example users on the customer's domain (or the
 * placeholder domain). UTF-8 with BOM, CRLF, as Excel opens it.
 */
export function userSampleCsv(t: Translate, domain: string): Buffer {
  const header = [t('userCsv.columns.firstName'), t('userCsv.columns.lastName'), t('userCsv.columns.displayName'), t('userCsv.columns.email')];
  const rows = (['first', 'second'] as const).map((n) => [
    t(`userCsv.sample.${n}.firstName`),
    t(`userCsv.sample.${n}.lastName`),
    t(`userCsv.sample.${n}.displayName`),
    `${t(`userCsv.sample.${n}.mailbox`)}@${domain}`,
  ]);
  return csv([header, ...rows]);
}

export interface UserResultRow {
  displayName: string;
  email: string;
  /** Empty when the user was not created here, or its password was lost in a restart. */
  password: string;
  result: string;
}

/** The results of adding users, with their temporary passwords: shown once, through a one-time link. */
export function userResultsCsv(rows: readonly UserResultRow[], t: Translate): Buffer {
  const header = [t('userCsv.columns.displayName'), t('userCsv.columns.email'), t('userCsv.columns.password'), t('userCsv.columns.result')];
  // Names come from the uploaded file: a cell that a spreadsheet would run as a formula is defused. Passwords never start with such a character.
  return csv([header, ...rows.map((r) => [neutralizeFormula(r.displayName), neutralizeFormula(r.email), r.password, r.result])]);
}
