import type { i18n } from 'i18next';
import type { CustomerDirectory } from '../customers/customerDirectory.js';
import type { RelationshipFilter } from '../customers/customer.js';
import { DEFAULT_REGION_LOCALE, type Language } from '../i18n/languages.js';
import { languageOf } from '../i18n/localeResolver.js';
import { customerCsv } from './customerCsv.js';
import type { ExportLinks } from './exportLinks.js';

export interface ExportDownload {
  status: number;
  contentType: string;
  body: Buffer | string;
  filename?: string;
}

/** Creates export links for the chat and serves them over HTTP, one partner tenant per link. */
export class CustomerExport {
  constructor(
    private readonly directory: CustomerDirectory,
    private readonly links: ExportLinks,
    private readonly i18n: i18n,
    private readonly publicBaseUrl: string,
  ) {}

  link(request: { tenant: string; relationship: RelationshipFilter; search: string; language: Language }): { url: string; expiresAt: number } {
    const { token, expiresAt } = this.links.sign(request);
    return { url: `${this.publicBaseUrl}/exports/customers/${token}`, expiresAt };
  }

  /** What GET /exports/customers/:token answers. Refusals are plain text in the best language known. */
  async download(token: string, acceptLanguage: string | undefined): Promise<ExportDownload> {
    const verified = this.links.verify(token);
    if (!verified.ok) {
      const language = verified.reason === 'expired' ? verified.grant.language : (languageOf(acceptLanguage?.split(',')[0]) ?? 'en');
      const t = this.i18n.getFixedT(language);
      return verified.reason === 'expired'
        ? { status: 410, contentType: 'text/plain; charset=utf-8', body: t('export.linkExpired') }
        : { status: 403, contentType: 'text/plain; charset=utf-8', body: t('export.linkInvalid') };
    }
    const { tenant, relationship, search, language } = verified.grant;
    const { items } = await this.directory.query(tenant, { relationship, search, locale: DEFAULT_REGION_LOCALE[language] });
    return {
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      body: customerCsv(items, this.i18n.getFixedT(language)),
      filename: `customers-${relationship}.csv`,
    };
  }
}
