/**
 * A postal address written the way its country writes it, from OpenCage's
 * per-country templates (@fragaria/address-formatter): "Seattle, WA 98101"
 * in the US, "10115 Berlin" in Germany, "100080 北京市海淀区…" (largest
 * part first) in China. The country itself is left out: cards show it as
 * its own fact.
 */
import addressFormatter from '@fragaria/address-formatter';
import type { Address } from '../customers/customer.js';
import { findState, type CountryNameLanguage } from '../rules/countries.js';
import { EAST_ASIAN } from './personName.js';


/** A listed state by its name in the user's language (北京市 for zh, Beijing otherwise); a US/CA state keeps its code, as it is written there. */
function stateShown(country: string, state: string | undefined, language: CountryNameLanguage): string | undefined {
  if (!state) return undefined;
  const entry = findState(country, state);
  if (!entry) return state;
  if (entry.value === entry.code) return entry.code;
  return language === 'zh' && entry.names.zh ? entry.names.zh : entry.names.en;
}

/** The address as lines, in the country's order. */
export function addressLines(address: Address, language: CountryNameLanguage): string[] {
  const lines = addressFormatter.format(
    {
      countryCode: address.country,
      road: address.addressLine1,
      city: address.city,
      state: stateShown(address.country, address.state, language),
      postcode: address.postalCode,
    },
    { output: 'array', appendCountry: false, abbreviate: false },
  );
  const line2 = address.addressLine2?.trim();
  if (!line2) return lines;
  // The second street line goes right after the first, wherever the country puts the street.
  const street = lines.findIndex((line) => line.includes(address.addressLine1));
  return street < 0 ? [...lines, line2] : [...lines.slice(0, street + 1), line2, ...lines.slice(street + 1)];
}

/** The address on one line: ", " between Latin lines, nothing between Chinese or Japanese ones (100080 北京市海淀区…). */
export function addressLine(address: Address, language: CountryNameLanguage): string {
  return addressLines(address, language).reduce((text, line) => {
    if (!text) return line;
    const joint = EAST_ASIAN.test(text.at(-1)!) && EAST_ASIAN.test(line[0]!) ? '' : EAST_ASIAN.test(text.at(-1)!) || EAST_ASIAN.test(line[0]!) ? ' ' : ', ';
    return text + joint + line;
  }, '');
}
