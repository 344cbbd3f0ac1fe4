import type { i18n } from 'i18next';
import { LRUCache } from 'lru-cache';
import type { RelationshipFilter } from '../customers/customer.js';
import type { CustomerSummary } from '../customers/customerQuery.js';
import type { BackendContext, CustomerBackend } from '../customers/ports.js';
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

/** Lists read during a turn and kept for their link (Partner Center mode); the oldest go first. */
const MAX_SNAPSHOTS = 100;

/** Lists kept for their link: in this process, or in Redis for every instance (see exportSnapshots.ts). */
export interface ExportSnapshots {
  set(nonce: string, items: CustomerSummary[]): Promise<void>;
  get(nonce: string): Promise<CustomerSummary[] | undefined>;
}

/** In this process, the oldest going first. */
export class LocalExportSnapshots implements ExportSnapshots {
  private readonly kept: LRUCache<string, CustomerSummary[]>;

  constructor(ttlMs: number) {
    this.kept = new LRUCache({ max: MAX_SNAPSHOTS, ttl: ttlMs });
  }

  async set(nonce: string, items: CustomerSummary[]): Promise<void> {
    this.kept.set(nonce, items);
  }

  async get(nonce: string): Promise<CustomerSummary[] | undefined> {
    return this.kept.get(nonce);
  }
}

/** The turn an export is asked in: whose list, in which language. */
type ExportContext = BackendContext & { locale: { language: Language } };

/**
 * Creates export links for the chat and serves them over HTTP, one partner
 * tenant per link. The embedded list is read when the link is opened; a list
 * that needs the user's Partner Center token is read during the turn and kept
 * (in memory) for the link's lifetime, so the download never calls Partner
 * Center without a user.
 */
export class CustomerExport {
  constructor(
    private readonly backend: CustomerBackend,
    private readonly links: ExportLinks,
    private readonly i18n: i18n,
    private readonly publicBaseUrl: string,
    private readonly snapshots: ExportSnapshots,
  ) {}

  async link(ctx: ExportContext, request: { relationship: RelationshipFilter; search: string; reseller: string }): Promise<{ url: string; expiresAt: number; count: number }> {
    const language = ctx.locale.language;
    const { reseller, ...rest } = request;
    const items = await this.backend.list.all(ctx, { ...rest, ...(reseller ? { reseller } : {}), locale: DEFAULT_REGION_LOCALE[language] });
    const { token, expiresAt, nonce } = this.links.sign({ tenant: ctx.tenantId, ...request, language });
    if (this.backend.exportsNeedUser) await this.snapshots.set(nonce, items);
    return { url: `${this.publicBaseUrl}/exports/customers/${token}`, expiresAt, count: items.length };
  }

  /** What GET /exports/customers/:token answers. Refusals are plain text in the best language known. */
  async download(token: string, acceptLanguage: string | undefined): Promise<ExportDownload> {
    const verified = this.links.verify(token);
    const kept = verified.ok && this.backend.exportsNeedUser ? await this.snapshots.get(verified.grant.nonce) : undefined;
    const gone = verified.ok && this.backend.exportsNeedUser && !kept;
    if (!verified.ok || gone) {
      const expired = gone || (!verified.ok && verified.reason === 'expired');
      const language = 'grant' in verified ? verified.grant.language : (languageOf(acceptLanguage?.split(',')[0]) ?? 'en');
      const t = this.i18n.getFixedT(language);
      // A kept list that is gone (this instance restarted) is as good as expired: the user asks for a new link.
      return expired
        ? { status: 410, contentType: 'text/plain; charset=utf-8', body: t('export.linkExpired') }
        : { status: 403, contentType: 'text/plain; charset=utf-8', body: t('export.linkInvalid') };
    }
    const { tenant, relationship, search, reseller, language } = verified.grant;
    const query = { relationship, search, ...(reseller ? { reseller } : {}), locale: DEFAULT_REGION_LOCALE[language] };
    const items = kept ?? (await this.backend.list.all(systemContext(tenant), query));
    return {
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      body: customerCsv(items, this.i18n.getFixedT(language)),
      filename: `customers-${relationship}.csv`,
    };
  }
}

/** The download has no user: only the embedded backend, which needs none, is read with it. */
function systemContext(tenantId: string): BackendContext {
  const refuse = () => Promise.reject(new Error('An export download has no user to act for.'));
  return { tenantId, user: { key: '', name: '' }, locale: { formatLocale: 'en-US' }, correlationId: '', credentials: { accessToken: refuse, invalidate: refuse } };
}
