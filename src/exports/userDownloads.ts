import type { i18n } from 'i18next';
import { isLanguage, type Language } from '../i18n/languages.js';
import { languageOf } from '../i18n/localeResolver.js';
import type { ExportDownload } from './customerExport.js';
import type { OneTimeFileStore } from './oneTimeFiles.js';
import { isUserDomain } from '../rules/userCsv.js';
import { userSampleCsv } from './userCsvFiles.js';


/** The files of "add users" over HTTP: the sample CSV, and the results with temporary passwords (once). */
export class UserFileDownloads {
  constructor(private readonly files: OneTimeFileStore, private readonly i18n: i18n) {}

  /** GET /files/:token — the file once; then (or after 15 minutes, or after a restart) a refusal in its language. */
  async oneTime(token: string, acceptLanguage: string | undefined): Promise<ExportDownload> {
    const taken = await this.files.take(token);
    if (taken.ok) return { status: 200, contentType: taken.file.contentType, body: taken.file.body, filename: taken.file.filename };
    const language: Language = taken.reason === 'gone' ? taken.language : (languageOf(acceptLanguage?.split(',')[0]) ?? 'en');
    return { status: 410, contentType: 'text/plain; charset=utf-8', body: this.i18n.getFixedT(language)('export.oneTimeGone') };
  }

  /** GET /samples/users.csv?language=de&domain=… — Partner Center's columns, named in that language. */
  sample(language: unknown, domain: unknown): ExportDownload {
    const lang: Language = typeof language === 'string' && isLanguage(language) ? language : 'en';
    const t = this.i18n.getFixedT(lang);
    // A domain that could not stand in a user name gets the placeholder.
    const onDomain = typeof domain === 'string' && isUserDomain(domain) ? domain : t('userCsv.sample.domain');
    return { status: 200, contentType: 'text/csv; charset=utf-8', body: userSampleCsv(t, onDomain), filename: `users-sample-${lang}.csv` };
  }
}
