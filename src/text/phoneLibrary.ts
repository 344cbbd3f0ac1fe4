/**
 * libphonenumber-js (full metadata), loaded once for validation and display, through its CommonJS build: its
 * ESM build imports `*.json.js` files, which jest's `.js`-stripping moduleNameMapper turns into bare JSON
 * imports (deprecated in jest 30, an error in 31).
 */
import { createRequire } from 'node:module';
import type * as LibPhoneNumber from 'libphonenumber-js/max';
import type { Examples } from 'libphonenumber-js/max';

const require = createRequire(import.meta.url);
export const { getExampleNumber, isSupportedCountry, parsePhoneNumberFromString } = require('libphonenumber-js/max') as typeof LibPhoneNumber;
export const phoneExamples = require('libphonenumber-js/examples.mobile.json') as Examples;
export type { CountryCode } from 'libphonenumber-js/max';
