import { BackendRefusal, type RefusalKind } from '../customers/ports.js';

/** Partner Center's error body (`{code, description, data, source}`), read case-insensitively; the 429 body is `{statusCode, message}`. */
export interface PartnerCenterFault {
  status: number;
  code?: string;
  description?: string;
  data?: unknown[];
}

const MAX_DESCRIPTION = 1_024;

/** Partner Center's error codes (developer/error-codes.md) as the kinds users are told. */
const KIND_OF_CODE: Record<string, RefusalKind> = {
  // Not allowed: the user's Partner Center role or GDAP decides in this mode.
  '1002': 'forbidden',
  '900308': 'forbidden',
  '900329': 'forbidden',
  '900309': 'forbidden',
  '20002': 'noRelationship',
  '2007': 'address',
  '600002': 'registrationNumber',
  '600049': 'registrationNumber',
  '600050': 'registrationNumber',
  '600051': 'phoneNumber',
  '3000': 'invalidProperty',
  '1000': 'notFound',
  '60003': 'notFound',
  '2055': 'conflict',
};

/** Reads an error response body; anything unreadable is just the status. */
export function readFault(status: number, text: string): PartnerCenterFault {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), v]));
  } catch {
    // Not JSON (a gateway's HTML page): the status says enough.
  }
  const code = typeof body.code === 'string' || typeof body.code === 'number' ? String(body.code) : undefined;
  const described = typeof body.description === 'string' ? body.description : typeof body.message === 'string' ? body.message : undefined;
  return {
    status,
    ...(code ? { code } : {}),
    ...(described ? { description: described.replace(/\p{Cc}/gu, ' ').slice(0, MAX_DESCRIPTION) } : {}),
    ...(Array.isArray(body.data) ? { data: body.data } : {}),
  };
}

/** The refusal a fault means for the user. */
export function refusalOf(fault: PartnerCenterFault, retryAfterSeconds?: number): BackendRefusal {
  const kind = (fault.code ? KIND_OF_CODE[fault.code] : undefined) ?? kindOfStatus(fault.status);
  const details = {
    ...(fault.description ? { description: fault.description } : {}),
    ...(kind === 'address' ? suggested(fault.data) : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
  return new BackendRefusal(kind, details, fault.code ?? String(fault.status));
}

function kindOfStatus(status: number): RefusalKind {
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'unavailable';
  return 'invalidProperty';
}

/** Partner Center's suggested address in a 2007 error, written on one line. */
function suggested(data: unknown[] | undefined): { suggestedAddress?: string } {
  const first = data?.find((d): d is Record<string, unknown> => typeof d === 'object' && d !== null);
  const address = (first?.suggestedAddress ?? first?.suggestedAddresses) as unknown;
  const one = (Array.isArray(address) ? address[0] : address) as Record<string, unknown> | undefined;
  if (!one || typeof one !== 'object') return {};
  const parts = ['addressLine1', 'addressLine2', 'postalCode', 'city', 'state', 'country'].map((k) => one[k]).filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length ? { suggestedAddress: parts.join(', ').slice(0, 300) } : {};
}
