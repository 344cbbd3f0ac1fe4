import type { BackendRefusal } from '../customers/ports.js';
import type { RequestContext } from './requestContext.js';

/** A backend's refusal in the user's words: `backend.<kind>`, with what the backend said where it helps. */
export function refusalMessage(ctx: RequestContext, refusal: BackendRefusal): string {
  const { t, formatNumber } = ctx.locale;
  const { description = '', suggestedAddress = '', retryAfterSeconds } = refusal.details;
  const options = { description, suggestedAddress, seconds: formatNumber(retryAfterSeconds ?? 60) };
  return refusal.kind === 'address' && suggestedAddress ? t('backend.addressSuggested', options) : t(`backend.${refusal.kind}`, options);
}
