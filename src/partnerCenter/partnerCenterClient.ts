import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { BackendRefusal, SignInRequiredError, type BackendContext } from '../customers/ports.js';
import type { Logger } from '../logger.js';
import { readFault, refusalOf } from './partnerCenterErrors.js';

export interface PartnerCenterRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'HEAD' | 'DELETE';
  /** Relative to `/v1`, with its query: `customers?size=500`. */
  path: string;
  body?: unknown;
  /** The logical operation's `MS-RequestId`; each call gets its own when none is given. The same on every retry. */
  requestId?: string;
  /** More headers (a next page's `MS-ContinuationToken`). */
  headers?: Record<string, string>;
  ifMatch?: string;
  /** Statuses that are answers, not errors (`HEAD domains/{d}`: 404 = free). */
  expect?: readonly number[];
}

export interface PartnerCenterResponse<T> {
  status: number;
  body: T | undefined;
  requestId: string;
}

export interface PartnerCenterClientOptions {
  /** The API root without `/v1`, e.g. https://api.partnercenter.microsoft.com. */
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  /** Attempts per request, the first included (5xx, timeouts and 429 are tried again). */
  maxAttempts?: number;
  /** Requests per partner tenant per minute, below Partner Center's ~500. */
  perTenantPerMinute?: number;
  /** Where the budget is counted when several instances share it (STATE_STORE=redis); this process otherwise. */
  budgetStore?: Redis;
  /** The longest Retry-After honoured; a longer one is reported to the user instead. */
  maxRetryAfterMs?: number;
  /** Waits (tests make them instant). */
  sleep?: (ms: number) => Promise<void>;
}

const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/**
 * Partner Center's REST API as the signed-in partner user: the user's bearer
 * token, `MS-RequestId` per logical operation (the same on every retry, so
 * Partner Center answers a repeat instead of doing it twice),
 * `MS-CorrelationId` per user action, `X-Locale` in the user's culture, and
 * `If-Match` where given. Retries 5xx, timeouts and 429 (after Retry-After)
 * with backoff, never other 4xx. Keeps each partner tenant under its own
 * request budget. Errors become BackendRefusal; a refused token (401) leads
 * back to sign-in. The token is never logged.
 */
export class PartnerCenterClient {
  private readonly limiter: RateLimiterAbstract;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PartnerCenterClientOptions) {
    // Half the budget per half minute: the limiter counts fixed windows, and any sliding minute then spans at
    // most three of them (1.5 × the budget: 450 for 300, under Partner Center's ~500), not two whole minutes' worth.
    const budget = { points: Math.max(1, Math.floor((options.perTenantPerMinute ?? 300) / 2)), duration: 30 };
    this.limiter = options.budgetStore ? new RateLimiterRedis({ ...budget, storeClient: options.budgetStore, keyPrefix: 'cab:pc-budget' }) : new RateLimiterMemory(budget);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async send<T>(ctx: BackendContext, request: PartnerCenterRequest): Promise<PartnerCenterResponse<T>> {
    const requestId = request.requestId ?? randomUUID();
    const token = await ctx.credentials.accessToken();
    const maxAttempts = this.options.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      await this.withinBudget(ctx.tenantId);
      const started = Date.now();
      let response: Response;
      try {
        response = await fetch(`${this.options.baseUrl}/v1/${request.path}`, {
          method: request.method,
          headers: this.headersOf(ctx, request, token, requestId),
          ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        // No answer (timeout, connection refused): the same request id makes trying again safe.
        this.log(ctx, request, requestId, attempt, 'no answer', started, error);
        if (attempt < maxAttempts) {
          await this.sleep(backoff(attempt));
          continue;
        }
        throw new BackendRefusal('unavailable');
      }
      this.log(ctx, request, requestId, attempt, response.status, started);
      if (response.ok || request.expect?.includes(response.status)) {
        return { status: response.status, body: await readBody<T>(response), requestId };
      }
      const text = await response.text().catch(() => '');
      if (response.status === 401) {
        // Expired or revoked: forget it, so the user is asked to sign in again rather than shown an error.
        await ctx.credentials.invalidate();
        throw new SignInRequiredError();
      }
      const retryAfterMs = retryAfter(response.headers.get('retry-after'));
      const retryable = response.status >= 500 || response.status === 429;
      const wait = response.status === 429 ? (retryAfterMs ?? backoff(attempt)) : backoff(attempt);
      if (retryable && attempt < maxAttempts && wait <= (this.options.maxRetryAfterMs ?? 60_000)) {
        await this.sleep(wait);
        continue;
      }
      throw refusalOf(readFault(response.status, text), retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000));
    }
  }

  private headersOf(ctx: BackendContext, request: PartnerCenterRequest, token: string, requestId: string): Record<string, string> {
    return {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      'MS-RequestId': requestId,
      'MS-CorrelationId': ctx.correlationId,
      'X-Locale': ctx.locale.formatLocale,
      'MS-PartnerCenter-Application': 'Customer Accounts Bot',
      ...(request.ifMatch ? { 'If-Match': request.ifMatch } : {}),
      ...request.headers,
    };
  }

  /** Waits for the tenant's budget; Partner Center would answer 429 otherwise. */
  private async withinBudget(tenantId: string): Promise<void> {
    for (;;) {
      try {
        await this.limiter.consume(tenantId);
        return;
      } catch (rejected) {
        if (!(rejected instanceof RateLimiterRes)) throw rejected;
        await this.sleep(rejected.msBeforeNext);
      }
    }
  }

  /** One line per call: the resource without its query (which can hold a search), the ids, the status. Never the token or a body. */
  private log(ctx: BackendContext, request: PartnerCenterRequest, requestId: string, attempt: number, status: number | string, started: number, err?: unknown): void {
    const resource = request.path.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}').replace(/^domains\/.*/, 'domains/{domain}');
    this.options.logger.debug({ method: request.method, resource, status, requestId, correlationId: ctx.correlationId, attempt, ms: Date.now() - started, ...(err ? { err } : {}) }, 'partner center call');
  }
}

/** Exponential backoff with jitter: about 0.5 s, 1 s, 2 s … */
const backoff = (attempt: number): number => Math.round(250 * 2 ** attempt * (0.5 + Math.random() / 2));

/** Retry-After in seconds (Partner Center's form) or as an HTTP date. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function readBody<T>(response: Response): Promise<T | undefined> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_RESPONSE_BYTES) throw new BackendRefusal('unavailable');
  const text = await response.text();
  if (!text) return undefined;
  if (text.length > MAX_RESPONSE_BYTES) throw new BackendRefusal('unavailable');
  // Partner Center may start a body with a byte order mark.
  return JSON.parse(text.replace(/^\uFEFF/, '')) as T;
}
