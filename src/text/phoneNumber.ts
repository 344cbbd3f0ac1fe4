/**
 * A stored phone number (Partner Center keeps what was typed, often E.164)
 * shown the international way: +49 30 1234567, +7 495 629-31-50. A number
 * libphonenumber cannot read is shown as stored.
 */
import { createRequire } from 'node:module';
import type * as LibPhoneNumber from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

// The CommonJS build, as in customerRules.ts: the ESM one imports JSON in a way jest warns about.
const require = createRequire(import.meta.url);
const { parsePhoneNumberFromString } = require('libphonenumber-js/max') as typeof LibPhoneNumber;

export function phoneShown(raw: string | undefined, country: string): string {
  const text = raw?.trim() ?? '';
  if (!text) return '';
  const parsed = parsePhoneNumberFromString(text, country.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.formatInternational() : text;
}
