import path from 'node:path';
import { SignInRequiredError } from '../../src/customers/ports.js';
import { Reply } from '../../src/flows/reply.js';
import type { RequestContext } from '../../src/flows/requestContext.js';
import { createI18n, loadLocaleResources } from '../../src/i18n/i18n.js';
import { Localizer } from '../../src/i18n/localizer.js';
import { projectRoot } from '../../src/paths.js';

export const resources = loadLocaleResources(path.join(projectRoot(), 'locales'));
export const localizer = new Localizer(createI18n(resources));

/** A RequestContext as the edge builds it, for calling flows without a bot. */
export function requestContext(locale: string, overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    tenantId: 'local-sandbox',
    user: { key: 'user-1', name: 'Test User' },
    locale: localizer.resolve({ activityLocale: locale }),
    conversation: { channelId: 'emulator', id: 'conversation-1', shared: false },
    correlationId: 'correlation-1',
    credentials: { accessToken: () => Promise.reject(new SignInRequiredError()), invalidate: () => Promise.resolve() },
    now: () => new Date('2026-11-21T10:00:00Z'),
    ...overrides,
  };
}

/** A Reply that takes the context's language, as the edge's does. */
export const replyFor = (ctx: RequestContext): Reply => Reply.for(ctx);
