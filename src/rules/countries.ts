/**
 * Country rules for the add-customer wizard, modelled on Partner Center's
 * `GET /v1/countryvalidationrules/{iso2}` (domain.md §4): postal code
 * format, which address parts are required, the state lists of US/CA/CN/MX,
 * the eleven countries that need a registration number and a phone number,
 * and the cultures a customer may choose. Localized country names come from
 * CLDR (Intl.DisplayNames).
 */
import { createRequire } from 'node:module';
import type * as IsoCountries from 'i18n-iso-countries';

// i18n-iso-countries is CommonJS; its index alone gives the code list (the names come from CLDR, see countryName).
const require = createRequire(import.meta.url);
const isoCountries = require('i18n-iso-countries/index.js') as typeof IsoCountries;

export type CountryNameLanguage = 'en' | 'de' | 'zh' | 'ru';

export interface PostalCodeRule {
  /** Matches the normalized postal code (see normalizePostalCode). */
  pattern: RegExp;
  example: string;
}

export interface StateEntry {
  /** ISO 3166-2 subdivision code without the country prefix (`WA`, `ON`, `BJ`, `JAL`). */
  code: string;
  /** What goes into `defaultAddress.state`: the code for US/CA, the English/Spanish name for CN/MX. */
  value: string;
  names: { en: string; zh?: string };
}

export interface CountryRules {
  code: string;
  postalCode?: PostalCodeRule;
  postalCodeRequired: boolean;
  cityRequired: boolean;
  stateRequired: boolean;
  states?: readonly StateEntry[];
  registrationNumberRequired: boolean;
  phoneRequired: boolean;
  /** `billingProfile.culture` unless the customer picks another, e.g. `de-AT`. */
  defaultCulture: string;
  /**
   * The cultures a customer there may choose, the default first, en-US always
   * among them; each names its language too (see languageOfCulture).
   */
  languages: readonly string[];
}

// ------------------------------------------------------------------ postal codes

interface PostalSpec extends PostalCodeRule {
  /** Puts an already upper-cased, single-spaced code into the canonical form (e.g. `A1A1A1` → `A1A 1A1`). */
  normalize?: (code: string) => string;
  /** Defaults to true. */
  required?: boolean;
}

/** Inserts `separator` before the last `tail` characters when the code is exactly `digits`-long without one. */
const splitAt =
  (length: number, head: number, separator: string) =>
  (code: string): string => {
    const compact = code.replace(/[\s-]/g, '');
    return compact.length === length ? `${compact.slice(0, head)}${separator}${compact.slice(head)}` : code;
  };
const withoutSpaces = (code: string): string => code.replace(/\s/g, '');

/**
 * Postal code formats: the 20 largest markets, the demo data's countries,
 * the eleven registration-number countries and some more. Countries missing
 * here accept any postal code up to 20 characters.
 */
const POSTAL_CODES: Record<string, PostalSpec> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '98052' },
  CN: { pattern: /^\d{6}$/, example: '100080', normalize: withoutSpaces },
  JP: { pattern: /^\d{3}-\d{4}$/, example: '100-0005', normalize: splitAt(7, 3, '-') },
  DE: { pattern: /^\d{5}$/, example: '10115' },
  GB: {
    pattern: /^(GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$/,
    example: 'SW1A 1AA',
    normalize: (code) => {
      const compact = withoutSpaces(code);
      return compact.length >= 5 && compact.length <= 7 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : code;
    },
  },
  IN: { pattern: /^[1-9]\d{5}$/, example: '110001', normalize: withoutSpaces },
  FR: { pattern: /^\d{5}$/, example: '75008', normalize: withoutSpaces },
  IT: { pattern: /^\d{5}$/, example: '00184' },
  BR: { pattern: /^\d{5}-\d{3}$/, example: '01310-200', normalize: splitAt(8, 5, '-') },
  CA: {
    pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/,
    example: 'K1A 0B1',
    normalize: splitAt(6, 3, ' '),
  },
  KR: { pattern: /^\d{5}$/, example: '03187' },
  RU: { pattern: /^\d{6}$/, example: '125009', normalize: withoutSpaces },
  AU: { pattern: /^\d{4}$/, example: '2000' },
  ES: { pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, example: '28013' },
  MX: { pattern: /^\d{5}$/, example: '06600' },
  ID: { pattern: /^\d{5}$/, example: '10110' },
  NL: { pattern: /^[1-9]\d{3} [A-Z]{2}$/, example: '1012 JS', normalize: splitAt(6, 4, ' ') },
  SA: { pattern: /^\d{5}(-\d{4})?$/, example: '11564' },
  TR: { pattern: /^(0[1-9]|[1-7]\d|8[01])\d{3}$/, example: '34349' },
  CH: { pattern: /^[1-9]\d{3}$/, example: '8001', normalize: (code) => code.replace(/^CH-?/, '') },
  AT: { pattern: /^[1-9]\d{3}$/, example: '1010', normalize: (code) => code.replace(/^A-?/, '') },
  PL: { pattern: /^\d{2}-\d{3}$/, example: '00-950', normalize: splitAt(5, 2, '-') },
  PT: { pattern: /^\d{4}(-\d{3})?$/, example: '1100-148' },
  BE: { pattern: /^[1-9]\d{3}$/, example: '1000' },
  LU: { pattern: /^\d{4}$/, example: '1855', normalize: (code) => code.replace(/^L-?/, '') },
  IE: { pattern: /^[AC-FHKNPRTV-Y]\d{2}|D6W [0-9AC-FHKNPRTV-Y]{4}$/, example: 'D02 X285', normalize: splitAt(7, 3, ' '), required: false },
  SE: { pattern: /^\d{3} \d{2}$/, example: '114 55', normalize: splitAt(5, 3, ' ') },
  NO: { pattern: /^\d{4}$/, example: '0150' },
  DK: { pattern: /^\d{4}$/, example: '1050' },
  FI: { pattern: /^\d{5}$/, example: '00100' },
  CZ: { pattern: /^\d{3} \d{2}$/, example: '110 00', normalize: splitAt(5, 3, ' ') },
  SK: { pattern: /^\d{3} \d{2}$/, example: '811 01', normalize: splitAt(5, 3, ' ') },
  GR: { pattern: /^\d{3} \d{2}$/, example: '105 57', normalize: splitAt(5, 3, ' ') },
  RO: { pattern: /^\d{6}$/, example: '010011' },
  HU: { pattern: /^[1-9]\d{3}$/, example: '1051' },
  UA: { pattern: /^\d{5}$/, example: '01001' },
  BY: { pattern: /^\d{6}$/, example: '220030' },
  // Kazakhstan: the old six-digit codes and the 2018 alphanumeric ones.
  KZ: { pattern: /^(\d{6}|[A-Z]\d{2}[A-Z]\d[A-Z]\d?)$/, example: '050051' },
  KG: { pattern: /^\d{6}$/, example: '720001' },
  TJ: { pattern: /^\d{6}$/, example: '734025' },
  UZ: { pattern: /^\d{6}$/, example: '100000' },
  AM: { pattern: /^\d{4}$/, example: '0010' },
  AZ: { pattern: /^AZ \d{4}$/, example: 'AZ 1000', normalize: (code) => `AZ ${code.replace(/^AZ[\s-]?/, '')}` },
  MD: { pattern: /^MD-\d{4}$/, example: 'MD-2001', normalize: (code) => `MD-${code.replace(/^MD[\s-]?/, '')}` },
  NZ: { pattern: /^\d{4}$/, example: '6011' },
  SG: { pattern: /^\d{6}$/, example: '018956' },
  ZA: { pattern: /^\d{4}$/, example: '2196' },
  AR: { pattern: /^([A-Z]\d{4}[A-Z]{3}|\d{4})$/, example: 'C1425DKE' },
  IL: { pattern: /^\d{7}$/, example: '6789141' },
  TW: { pattern: /^\d{3}(\d{2,3})?$/, example: '10048' },
  TH: { pattern: /^\d{5}$/, example: '10330' },
  MY: { pattern: /^\d{5}$/, example: '50450' },
  PH: { pattern: /^\d{4}$/, example: '1000' },
  VN: { pattern: /^\d{6}$/, example: '100000' },
};

/** Without a country rule: any postal code up to this many characters. */
export const POSTAL_CODE_MAX_LENGTH = 20;

/** Full-width digits to ASCII, upper case, one space between parts, then the country's canonical form. */
export function normalizePostalCode(iso2: string, raw: string): string {
  const code = raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
  const normalize = POSTAL_CODES[iso2.toUpperCase()]?.normalize;
  return normalize ? normalize(code) : code;
}

// ------------------------------------------------------------------ states

const usStates: Array<[string, string]> = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'],
  ['CO', 'Colorado'], ['CT', 'Connecticut'], ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'],
  ['GA', 'Georgia'], ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'], ['IN', 'Indiana'],
  ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'], ['ME', 'Maine'],
  ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MS', 'Mississippi'],
  ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'], ['NH', 'New Hampshire'],
  ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'], ['ND', 'North Dakota'],
  ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'], ['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'],
  ['VT', 'Vermont'], ['VA', 'Virginia'], ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'],
  ['WY', 'Wyoming'],
];

const caProvinces: Array<[string, string]> = [
  ['AB', 'Alberta'], ['BC', 'British Columbia'], ['MB', 'Manitoba'], ['NB', 'New Brunswick'],
  ['NL', 'Newfoundland and Labrador'], ['NS', 'Nova Scotia'], ['NT', 'Northwest Territories'], ['NU', 'Nunavut'],
  ['ON', 'Ontario'], ['PE', 'Prince Edward Island'], ['QC', 'Quebec'], ['SK', 'Saskatchewan'], ['YT', 'Yukon'],
];

// Provinces, municipalities and autonomous regions of mainland China (HK, MO, TW are markets of their own).
const cnProvinces: Array<[string, string, string]> = [
  ['AH', 'Anhui', '安徽省'], ['BJ', 'Beijing', '北京市'], ['CQ', 'Chongqing', '重庆市'], ['FJ', 'Fujian', '福建省'],
  ['GS', 'Gansu', '甘肃省'], ['GD', 'Guangdong', '广东省'], ['GX', 'Guangxi', '广西壮族自治区'], ['GZ', 'Guizhou', '贵州省'],
  ['HI', 'Hainan', '海南省'], ['HE', 'Hebei', '河北省'], ['HL', 'Heilongjiang', '黑龙江省'], ['HA', 'Henan', '河南省'],
  ['HB', 'Hubei', '湖北省'], ['HN', 'Hunan', '湖南省'], ['NM', 'Inner Mongolia', '内蒙古自治区'], ['JS', 'Jiangsu', '江苏省'],
  ['JX', 'Jiangxi', '江西省'], ['JL', 'Jilin', '吉林省'], ['LN', 'Liaoning', '辽宁省'], ['NX', 'Ningxia', '宁夏回族自治区'],
  ['QH', 'Qinghai', '青海省'], ['SN', 'Shaanxi', '陕西省'], ['SD', 'Shandong', '山东省'], ['SH', 'Shanghai', '上海市'],
  ['SX', 'Shanxi', '山西省'], ['SC', 'Sichuan', '四川省'], ['TJ', 'Tianjin', '天津市'], ['XZ', 'Tibet', '西藏自治区'],
  ['XJ', 'Xinjiang', '新疆维吾尔自治区'], ['YN', 'Yunnan', '云南省'], ['ZJ', 'Zhejiang', '浙江省'],
];

const mxStates: Array<[string, string]> = [
  ['AGU', 'Aguascalientes'], ['BCN', 'Baja California'], ['BCS', 'Baja California Sur'], ['CAM', 'Campeche'],
  ['CHP', 'Chiapas'], ['CHH', 'Chihuahua'], ['CMX', 'Ciudad de México'], ['COA', 'Coahuila'],
  ['COL', 'Colima'], ['DUR', 'Durango'], ['GUA', 'Guanajuato'], ['GRO', 'Guerrero'],
  ['HID', 'Hidalgo'], ['JAL', 'Jalisco'], ['MEX', 'Estado de México'], ['MIC', 'Michoacán'],
  ['MOR', 'Morelos'], ['NAY', 'Nayarit'], ['NLE', 'Nuevo León'], ['OAX', 'Oaxaca'],
  ['PUE', 'Puebla'], ['QUE', 'Querétaro'], ['ROO', 'Quintana Roo'], ['SLP', 'San Luis Potosí'],
  ['SIN', 'Sinaloa'], ['SON', 'Sonora'], ['TAB', 'Tabasco'], ['TAM', 'Tamaulipas'],
  ['TLA', 'Tlaxcala'], ['VER', 'Veracruz'], ['YUC', 'Yucatán'], ['ZAC', 'Zacatecas'],
];

/** Partner Center's `supportedStatesList` for the four countries that have one. */
const STATES: Record<string, readonly StateEntry[]> = {
  US: usStates.map(([code, en]) => ({ code, value: code, names: { en } })),
  CA: caProvinces.map(([code, en]) => ({ code, value: code, names: { en } })),
  CN: cnProvinces.map(([code, en, zh]) => ({ code, value: en, names: { en, zh } })),
  // To confirm against GET /v1/countryvalidationrules/MX whether Partner Center expects names or codes.
  MX: mxStates.map(([code, en]) => ({ code, value: en, names: { en } })),
};

/** Other spellings people type: `Xizang`, `Nei Mongol`, `Mexico City`, `Washington DC`. */
const STATE_ALIASES: Record<string, Record<string, string>> = {
  US: { 'washington dc': 'DC', 'washington d c': 'DC' },
  CA: { 'yukon territory': 'YT', newfoundland: 'NL' },
  CN: { xizang: 'XZ', 'nei mongol': 'NM', 'nei menggu': 'NM', neimenggu: 'NM' },
  MX: { 'mexico city': 'CMX', cdmx: 'CMX', 'distrito federal': 'CMX', mexico: 'MEX', 'coahuila de zaragoza': 'COA', 'michoacan de ocampo': 'MIC', 'veracruz de ignacio de la llave': 'VER' },
};

/** Case-, accent- and punctuation-insensitive form used to compare state input. */
const foldState = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.,'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Chinese province name without its administrative suffix: 广西壮族自治区 → 广西, 北京市 → 北京. */
const zhShortName = (name: string): string => name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/u, '');

/** The state entry matching a code, English name, Chinese name or known alias; undefined if none. */
export function findState(iso2: string, input: string): StateEntry | undefined {
  const country = iso2.toUpperCase();
  const states = STATES[country];
  if (!states) return undefined;
  const folded = foldState(input);
  if (folded === '') return undefined;
  const aliasCode = STATE_ALIASES[country]?.[folded];
  return states.find(
    (state) =>
      state.code.toLowerCase() === folded ||
      state.code === aliasCode ||
      foldState(state.names.en) === folded ||
      foldState(state.value) === folded ||
      (state.names.zh !== undefined && (state.names.zh === input.trim() || zhShortName(state.names.zh) === input.trim())),
  );
}

// ------------------------------------------------------------------ cultures

/** Cultures offered per country, the default first (en-US is appended everywhere). */
const CULTURES: Record<string, readonly string[]> = {
  US: ['en-US', 'es-US'], GB: ['en-GB'], IE: ['en-IE'], CA: ['en-CA', 'fr-CA'], AU: ['en-AU'], NZ: ['en-NZ'],
  IN: ['en-IN', 'hi-IN'], SG: ['en-SG', 'zh-SG'], ZA: ['en-ZA'], PH: ['en-PH'],
  DE: ['de-DE'], AT: ['de-AT'], CH: ['de-CH', 'fr-CH', 'it-CH'], LI: ['de-LI'], LU: ['fr-LU', 'de-LU'],
  BE: ['nl-BE', 'fr-BE', 'de-BE'], NL: ['nl-NL'], FR: ['fr-FR'], IT: ['it-IT'], ES: ['es-ES', 'ca-ES'], PT: ['pt-PT'],
  PL: ['pl-PL'], CZ: ['cs-CZ'], SK: ['sk-SK'], HU: ['hu-HU'], RO: ['ro-RO'], GR: ['el-GR'],
  SE: ['sv-SE'], NO: ['nb-NO'], DK: ['da-DK'], FI: ['fi-FI', 'sv-FI'],
  CN: ['zh-CN'], HK: ['zh-HK', 'en-HK'], TW: ['zh-TW'], JP: ['ja-JP'], KR: ['ko-KR'],
  RU: ['ru-RU'], KZ: ['kk-KZ', 'ru-RU'], BY: ['be-BY', 'ru-RU'], UA: ['uk-UA'], AM: ['hy-AM', 'ru-RU'],
  AZ: ['az-AZ', 'ru-RU'], KG: ['ky-KG', 'ru-RU'], MD: ['ro-MD', 'ru-RU'], TJ: ['tg-TJ', 'ru-RU'], UZ: ['uz-UZ', 'ru-RU'],
  MX: ['es-MX'], AR: ['es-AR'], BR: ['pt-BR'], TR: ['tr-TR'], SA: ['ar-SA'], AE: ['ar-AE'], IL: ['he-IL'],
  ID: ['id-ID'], TH: ['th-TH'], VN: ['vi-VN'], MY: ['ms-MY'],
};

/** For countries not in CULTURES: the likely language of the region per CLDR (`und-FR` → `fr-FR`). */
function likelyCulture(iso2: string): string {
  try {
    const language = new Intl.Locale(`und-${iso2}`).maximize().language;
    return language && language !== 'und' ? `${language}-${iso2}` : 'en-US';
  } catch {
    return 'en-US';
  }
}

/** `billingProfile.language` for a culture: its language subtag (`de-AT` → `de`, `zh-CN` → `zh`). */
export const languageOfCulture = (culture: string): string => culture.split('-')[0]!.toLowerCase();

// ------------------------------------------------------------------ rules

/** The countries where Partner Center requires an organization registration number and a phone number (600049/600051). */
export const REGISTRATION_COUNTRIES = ['AM', 'AZ', 'BY', 'HU', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'UZ', 'UA'] as const;
const registrationCountries: ReadonlySet<string> = new Set(REGISTRATION_COUNTRIES);

/** State/province is required here; for US/CA/CN/MX it is also checked against the list. */
const STATE_REQUIRED: ReadonlySet<string> = new Set(['US', 'CA', 'CN', 'MX', 'BR', 'AU', 'IN']);
/** City-states and tiny territories where the city is optional. */
const CITY_OPTIONAL: ReadonlySet<string> = new Set(['SG', 'HK', 'MO', 'MC', 'VA', 'GI']);

/** The rules for a country code (any case). Unknown codes get permissive defaults; validate the country first. */
export function countryRules(iso2: string): CountryRules {
  const code = iso2.trim().toUpperCase();
  const postal = POSTAL_CODES[code];
  const cultures = CULTURES[code] ?? [likelyCulture(code)];
  const languages = [...new Set([...cultures, 'en-US'])];
  const states = STATES[code];
  return {
    code,
    ...(postal ? { postalCode: { pattern: postal.pattern, example: postal.example } } : {}),
    postalCodeRequired: postal !== undefined && postal.required !== false,
    cityRequired: !CITY_OPTIONAL.has(code),
    stateRequired: STATE_REQUIRED.has(code),
    ...(states ? { states } : {}),
    registrationNumberRequired: registrationCountries.has(code),
    phoneRequired: registrationCountries.has(code),
    defaultCulture: languages[0]!,
    languages,
  };
}

// ------------------------------------------------------------------ countries and names

/** US embargoes (Microsoft does not sell there) and uninhabited territories. */
const NOT_OFFERED: ReadonlySet<string> = new Set(['CU', 'IR', 'KP', 'SY', 'AQ', 'BV', 'HM']);

const allCodes: readonly string[] = Object.keys(isoCountries.getAlpha2Codes()).sort();
const knownCodes: ReadonlySet<string> = new Set(allCodes);
const marketCodes: readonly string[] = allCodes.filter((code) => !NOT_OFFERED.has(code));

/** Whether `code` (upper case) is an ISO 3166-1 alpha-2 code at all. */
export const isIsoCountry = (code: string): boolean => knownCodes.has(code);

/** The ISO alpha-2 codes the bot offers, sorted. */
export const marketCountries = (): readonly string[] => marketCodes;

export const isMarketCountry = (code: string): boolean => knownCodes.has(code) && !NOT_OFFERED.has(code);

/**
 * Country names come from one place, CLDR through Intl.DisplayNames, so the
 * picker, the review, the details card and the search all say "Россия" and
 * "United States" alike. Overrides only where CLDR's name is not the one a
 * partner there expects to pick.
 */
const NAME_OVERRIDES: Partial<Record<CountryNameLanguage, Record<string, string>>> = {
  zh: { TW: '中国台湾' },
};

const regionNames = new Map<CountryNameLanguage, Intl.DisplayNames>();

/** The localized short name of a country, or the code itself if unknown. */
export function countryName(iso2: string, language: CountryNameLanguage): string {
  const code = iso2.toUpperCase();
  const override = NAME_OVERRIDES[language]?.[code];
  if (override) return override;
  if (!knownCodes.has(code)) return code;
  let names = regionNames.get(language);
  if (!names) regionNames.set(language, (names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' })));
  return names.of(code) ?? code;
}

const choicesCache = new Map<CountryNameLanguage, ReadonlyArray<{ code: string; name: string }>>();

/** The offered countries with their localized names, sorted as the language sorts (pinyin for zh). */
export function countryChoices(language: CountryNameLanguage): ReadonlyArray<{ code: string; name: string }> {
  const cached = choicesCache.get(language);
  if (cached) return cached;
  const collator = new Intl.Collator(language);
  const choices = marketCodes.map((code) => ({ code, name: countryName(code, language) })).sort((a, b) => collator.compare(a.name, b.name));
  choicesCache.set(language, choices);
  return choices;
}
