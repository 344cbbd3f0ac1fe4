/**
 * Builds the Teams app manifest and its localization files from the locale
 * strings in locales/<lang>/manifest.json:
 *
 *   manifest/manifest.json  English default strings (locales/en)
 *   manifest/de.json        locales/de
 *   manifest/ru.json        locales/ru
 *   manifest/zh-cn.json     locales/zh  (Teams rejects a bare "zh" tag)
 *
 * `npm run manifest` writes them; the output is committed and
 * test/manifest.test.ts checks that it is up to date. The committed manifest
 * carries a placeholder bot id; scripts/package-app.ts substitutes the real
 * MicrosoftAppId when it builds the zip.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The message extension's one search command: its id and parameter are what composeExtension/query carries.
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../src/extensions/customerSearch.js';

/** Highest Teams manifest schema shipped offline by @microsoft/app-manifest (see scripts/package-app.ts). */
export const MANIFEST_VERSION = '1.30';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

/** The app's own id in the Teams app catalog; generated once, never change it. */
export const APP_ID = 'fa875b71-3f4b-446d-b331-cc5e81060330';
/** Placeholder replaced by MicrosoftAppId at packaging time. */
export const BOT_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
export const APP_VERSION = '1.0.0';
export const ACCENT_COLOR = '#0F6CBD';

/** Bot commands in manifest order; ids are keys of locales/<lang>/commands.json. */
export const COMMAND_IDS = ['customerList', 'addCustomer', 'endRelationship', 'notificationsOn', 'notificationsOff', 'language', 'help', 'menu'] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

/** One command list per scope, as the schema recommends. */
export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;
/** Commands offered only where they mean something: the channel feed is for channels and group chats. */
const SHARED_ONLY: readonly CommandId[] = ['notificationsOn', 'notificationsOff'];
export const commandsOf = (scope: (typeof BOT_SCOPES)[number]): CommandId[] => COMMAND_IDS.filter((id) => scope !== 'personal' || !SHARED_ONLY.includes(id));

export const DEFAULT_LOCALE = 'en';
export const DEFAULT_LANGUAGE_TAG = 'en-us';
/** Bot locale folder → Teams language tag and localization file name. */
export const ADDITIONAL_LANGUAGES = [
  { locale: 'de', languageTag: 'de', file: 'de.json' },
  { locale: 'ru', languageTag: 'ru', file: 'ru.json' },
  { locale: 'zh', languageTag: 'zh-cn', file: 'zh-cn.json' },
] as const;

/** Character limits from §4 of the Teams platform notes (command titles use the stricter 32). */
export const LIMITS = {
  nameShort: 30,
  nameFull: 100,
  descriptionShort: 80,
  descriptionFull: 4000,
  commandTitle: 32,
  commandDescription: 128,
} as const;

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOCALES_DIR = path.join(ROOT_DIR, 'locales');
export const MANIFEST_DIR = path.join(ROOT_DIR, 'manifest');


export interface ManifestStrings {
  name: { short: string; full: string };
  description: { short: string; full: string };
  commands: Record<CommandId, { title: string; description: string }>;
  search: { title: string; description: string; parameterTitle: string; parameterDescription: string };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

function requireString(value: unknown, where: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${where} must be a non-empty string`);
  if (value !== value.trim()) throw new Error(`${where} has leading or trailing whitespace`);
  // Teams counts characters, not UTF-16 units.
  if ([...value].length > max) throw new Error(`${where} is ${[...value].length} characters long (max ${max})`);
  return value;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object`);
  return value as Record<string, unknown>;
}

/**
 * Reads and checks locales/<locale>/manifest.json. Each command title must be
 * the first entry of the same command in locales/<locale>/commands.json, since
 * Teams sends the title as the message text and the bot matches it there.
 */
export function readManifestStrings(locale: string, localesDir = LOCALES_DIR): ManifestStrings {
  const file = path.join(localesDir, locale, 'manifest.json');
  const where = (key: string) => `${path.relative(ROOT_DIR, file)}: ${key}`;
  const raw = asRecord(readJson(file), where('root'));
  const name = asRecord(raw.name, where('name'));
  const description = asRecord(raw.description, where('description'));
  const commands = asRecord(raw.commands, where('commands'));
  const search = asRecord(raw.search, where('search'));
  const known = asRecord(readJson(path.join(localesDir, locale, 'commands.json')), `${locale}/commands.json`);

  const extra = Object.keys(commands).filter((id) => !(COMMAND_IDS as readonly string[]).includes(id));
  if (extra.length > 0) throw new Error(where(`unknown command ids ${extra.join(', ')}`));

  const result: ManifestStrings = {
    name: {
      short: requireString(name.short, where('name.short'), LIMITS.nameShort),
      full: requireString(name.full, where('name.full'), LIMITS.nameFull),
    },
    description: {
      short: requireString(description.short, where('description.short'), LIMITS.descriptionShort),
      full: requireString(description.full, where('description.full'), LIMITS.descriptionFull),
    },
    commands: {} as ManifestStrings['commands'],
    search: {
      title: requireString(search.title, where('search.title'), LIMITS.commandTitle),
      description: requireString(search.description, where('search.description'), LIMITS.commandDescription),
      parameterTitle: requireString(search.parameterTitle, where('search.parameterTitle'), LIMITS.commandTitle),
      parameterDescription: requireString(search.parameterDescription, where('search.parameterDescription'), LIMITS.commandDescription),
    },
  };
  for (const id of COMMAND_IDS) {
    const command = asRecord(commands[id], where(`commands.${id}`));
    const title = requireString(command.title, where(`commands.${id}.title`), LIMITS.commandTitle);
    const synonyms = known[id];
    const expected = Array.isArray(synonyms) ? synonyms[0] : undefined;
    if (title !== expected) {
      throw new Error(
        `${where(`commands.${id}.title`)} is ${JSON.stringify(title)} but must equal the first entry of ` +
          `locales/${locale}/commands.json "${id}" (${JSON.stringify(expected)})`,
      );
    }
    result.commands[id] = {
      title,
      description: requireString(command.description, where(`commands.${id}.description`), LIMITS.commandDescription),
    };
  }
  return result;
}

/** The manifest object with the given (default-language) strings. */
export function buildManifest(strings: ManifestStrings, botId: string = BOT_ID_PLACEHOLDER): Record<string, unknown> {
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: APP_VERSION,
    id: APP_ID,
    localizationInfo: {
      defaultLanguageTag: DEFAULT_LANGUAGE_TAG,
      additionalLanguages: ADDITIONAL_LANGUAGES.map(({ languageTag, file }) => ({ languageTag, file })),
    },
    developer: {
      name: 'Example CSP Partner',
      websiteUrl: 'https://example.com/customer-accounts-bot',
      privacyUrl: 'https://example.com/customer-accounts-bot/privacy',
      termsOfUseUrl: 'https://example.com/customer-accounts-bot/terms',
    },
    name: { ...strings.name },
    description: { ...strings.description },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId,
        scopes: [...BOT_SCOPES],
        supportsFiles: true,
        isNotificationOnly: false,
        commandLists: BOT_SCOPES.map((scope) => ({
          scopes: [scope],
          commands: commandsOf(scope).map((id) => ({ ...strings.commands[id] })),
        })),
      },
    ],
    composeExtensions: [
      {
        botId,
        commands: [
          {
            id: SEARCH_COMMAND_ID,
            type: 'query',
            title: strings.search.title,
            description: strings.search.description,
            context: ['compose', 'commandBox'],
            initialRun: true,
            parameters: [{ name: SEARCH_PARAMETER, title: strings.search.parameterTitle, description: strings.search.parameterDescription, inputType: 'text' }],
          },
        ],
      },
    ],
    defaultInstallScope: 'personal',
    validDomains: [],
  };
}

/** A Teams localization file (MicrosoftTeams.Localization.schema.json) for one language. */
export function buildLocalization(strings: ManifestStrings): Record<string, string> {
  const out: Record<string, string> = {
    $schema: LOCALIZATION_SCHEMA_URL,
    'name.short': strings.name.short,
    'name.full': strings.name.full,
    'description.short': strings.description.short,
    'description.full': strings.description.full,
  };
  BOT_SCOPES.forEach((scope, list) => {
    commandsOf(scope).forEach((id, index) => {
      const key = `bots[0].commandLists[${list}].commands[${index}]`;
      out[`${key}.title`] = strings.commands[id].title;
      out[`${key}.description`] = strings.commands[id].description;
    });
  });
  out['composeExtensions[0].commands[0].title'] = strings.search.title;
  out['composeExtensions[0].commands[0].description'] = strings.search.description;
  out['composeExtensions[0].commands[0].parameters[0].title'] = strings.search.parameterTitle;
  out['composeExtensions[0].commands[0].parameters[0].description'] = strings.search.parameterDescription;
  return out;
}

const toText = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** Pure: file name in manifest/ → exact file text, built from the locale files. */
export function buildManifestFiles(localesDir = LOCALES_DIR): Record<string, string> {
  const files: Record<string, string> = {
    'manifest.json': toText(buildManifest(readManifestStrings(DEFAULT_LOCALE, localesDir))),
  };
  for (const { locale, file } of ADDITIONAL_LANGUAGES) {
    files[file] = toText(buildLocalization(readManifestStrings(locale, localesDir)));
  }
  return files;
}

export function writeManifestFiles(outDir = MANIFEST_DIR): string[] {
  mkdirSync(outDir, { recursive: true });
  const files = buildManifestFiles();
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(outDir, name), text, 'utf8'); // Node writes UTF-8 without BOM
  }
  return Object.keys(files).map((name) => path.join(outDir, name));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    for (const file of writeManifestFiles()) console.log(`wrote ${path.relative(ROOT_DIR, file)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
