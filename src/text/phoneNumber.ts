/**
 * A stored phone number (Partner Center keeps what was typed, often E.164)
 * shown the international way: +49 30 1234567, +7 495 629 31 50. A number
 * libphonenumber cannot read is shown as stored.
 */
import { parsePhoneNumberFromString, type CountryCode } from './phoneLibrary.js';

export function phoneShown(raw: string | undefined, country: string): string {
  const text = raw?.trim() ?? '';
  if (!text) return '';
  const parsed = parsePhoneNumberFromString(text, country.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.formatInternational() : text;
}
