/**
 * Builds the Teams app package build/customer-accounts-bot.zip (`npm run package`):
 *
 *   1. reads MicrosoftAppId (environment, or .env) and checks it is a GUID;
 *   2. checks manifest/ is what scripts/build-manifest.ts generates;
 *   3. puts MicrosoftAppId into bots[0].botId;
 *   4. validates manifest.json and the localization files against the official
 *      Teams JSON schemas shipped inside @microsoft/app-manifest — offline, the
 *      schema files are read from the package, never fetched;
 *   5. checks the icon sizes and zips manifest.json, the icons and the
 *      localization files at the zip root.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  ADDITIONAL_LANGUAGES,
  BOT_ID_PLACEHOLDER,
  MANIFEST_DIR,
  MANIFEST_VERSION,
  ROOT_DIR,
  buildManifestFiles,
} from './build-manifest.js';

export const PACKAGE_FILE = path.join(ROOT_DIR, 'build', 'customer-accounts-bot.zip');
export const LOCALIZATION_FILES = ADDITIONAL_LANGUAGES.map((l) => l.file);
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png', ...LOCALIZATION_FILES];
export const ICON_SIZES: Record<string, number> = { 'color.png': 192, 'outline.png': 32 };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the trimmed app id, or throws an error that names MicrosoftAppId. */
export function assertAppId(value: string | undefined): string {
  const id = value?.trim() ?? '';
  if (!id) {
    throw new Error('MicrosoftAppId is not set. Set it (in the environment or .env) to the bot\'s Microsoft App ID, a GUID.');
  }
  if (!GUID.test(id)) {
    throw new Error(`MicrosoftAppId must be a GUID like 01234567-89ab-cdef-0123-456789abcdef, got ${JSON.stringify(id)}.`);
  }
  if (id === BOT_ID_PLACEHOLDER) {
    throw new Error('MicrosoftAppId is the all-zero placeholder; set it to the bot\'s real Microsoft App ID.');
  }
  return id;
}

const appManifestPackageJson = (): string => createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');

export type SchemaKind = 'manifest' | 'localization';
type JsonSchema = Record<string, unknown>;

/**
 * Where @microsoft/app-manifest keeps the official Teams schemas:
 * node_modules/@microsoft/app-manifest/build/json-schemas/teams/v<version>/
 * MicrosoftTeams.schema.json and MicrosoftTeams.Localization.schema.json
 * (draft-04; mirrors https://developer.microsoft.com/json-schemas/teams/...).
 */
export function schemaFile(kind: SchemaKind, version: string = MANIFEST_VERSION): string {
  const packageJson = appManifestPackageJson();
  const name = kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json';
  return path.join(path.dirname(packageJson), 'build', 'json-schemas', 'teams', `v${version}`, name);
}

const schemaCache = new Map<string, JsonSchema>();

/** Reads a schema from the package (never from the network). */
export function loadSchema(kind: SchemaKind, version: string = MANIFEST_VERSION): JsonSchema {
  const file = schemaFile(kind, version);
  let schema = schemaCache.get(file);
  if (!schema) {
    if (!existsSync(file)) throw new Error(`Teams ${kind} schema v${version} is not shipped by @microsoft/app-manifest (${file})`);
    // Same clean-up as the package's own loader: the schemas contain regex escapes
    // (\a, \v) that JavaScript's unicode regexes reject.
    const text = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
    schema = JSON.parse(text) as JsonSchema;
    schemaCache.set(file, schema);
  }
  return schema;
}

interface AjvError {
  instancePath: string;
  message?: string;
  params?: unknown;
}
type ValidateFunction = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface Ajv {
  compile(schema: JsonSchema): ValidateFunction;
}

/**
 * An ajv for the draft-04 Teams schemas, set up like @microsoft/app-manifest's
 * own AppManifestUtils.validateAgainstSchema (ajv-draft-04, allErrors,
 * strictTypes off, ajv-formats uri/email/regex). ajv-draft-04 and ajv-formats
 * are loaded from the package's dependency tree, so they are exactly the
 * versions it validates with. (The package's JS itself is not imported: it
 * require()s ESM-only strip-bom, which jest cannot load on Node 20.)
 *
 * The localization schema has a pattern (`...\b]\.description$`) that is not a
 * valid *unicode* regular expression, so it is compiled with unicodeRegExp off.
 */
function createAjv(unicodeRegExp: boolean): Ajv {
  const requireFromPackage = createRequire(appManifestPackageJson());
  const load = <T>(id: string): T => {
    const mod = requireFromPackage(id) as T | { default: T };
    return (typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : mod) as T;
  };
  const AjvDraft04 = load<new (options: Record<string, unknown>) => Ajv>('ajv-draft-04');
  const addFormats = load<(ajv: Ajv, formats: string[]) => void>('ajv-formats');
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp });
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv;
}

const compiled = new Map<JsonSchema, ValidateFunction>();

function validateAgainst(value: unknown, schema: JsonSchema, unicodeRegExp: boolean): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = createAjv(unicodeRegExp).compile(schema);
    compiled.set(schema, validate);
  }
  // Validate what would be written to disk (drops undefined-valued keys).
  if (validate(JSON.parse(JSON.stringify(value ?? null)))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}. Details: ${JSON.stringify(e.params)}`);
}

/** Schema errors of a manifest object against the version it declares (must be shipped offline); empty when valid. */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  const version =
    typeof manifest === 'object' && manifest !== null && typeof (manifest as { manifestVersion?: unknown }).manifestVersion === 'string'
      ? (manifest as { manifestVersion: string }).manifestVersion
      : MANIFEST_VERSION;
  if (!existsSync(schemaFile('manifest', version))) return [`manifestVersion ${version} has no offline schema`];
  return validateAgainst(manifest, loadSchema('manifest', version), true);
}

/** Schema errors of a localization file object (MicrosoftTeams.Localization.schema.json); empty when valid. */
export async function validateLocalization(localization: unknown, version: string = MANIFEST_VERSION): Promise<string[]> {
  return validateAgainst(localization, loadSchema('localization', version), false);
}

/** Width and height of a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } {
  const png = PNG.sync.read(data);
  return { width: png.width, height: png.height };
}

/** Throws when the committed files in manifestDir differ from what the generator produces. */
export function assertManifestUpToDate(manifestDir: string = MANIFEST_DIR): void {
  const stale = Object.entries(buildManifestFiles())
    .filter(([name, text]) => !existsSync(path.join(manifestDir, name)) || readFileSync(path.join(manifestDir, name), 'utf8') !== text)
    .map(([name]) => name);
  if (stale.length > 0) throw new Error(`manifest/${stale.join(', manifest/')} out of date with locales/; run npm run manifest`);
}

/** Builds the app package zip in memory for the given bot app id. */
export async function createAppPackage(appId: string | undefined, manifestDir: string = MANIFEST_DIR): Promise<Buffer> {
  const botId = assertAppId(appId);
  assertManifestUpToDate(manifestDir);

  const read = (name: string) => readFileSync(path.join(manifestDir, name));
  const manifest = JSON.parse(read('manifest.json').toString('utf8')) as {
    bots?: Array<{ botId?: string }>;
    composeExtensions?: Array<{ botId?: string }>;
    webApplicationInfo?: { id: string; resource: string };
    validDomains?: string[];
  };
  const bot = manifest.bots?.[0];
  if (!bot) throw new Error('manifest/manifest.json has no bots[0]');
  bot.botId = botId;
  for (const extension of manifest.composeExtensions ?? []) extension.botId = botId;
  // Teams SSO for the Partner Center sign-in: the app's Application ID URI, and the token service's sign-in page.
  manifest.webApplicationInfo = { id: botId, resource: `api://botid-${botId}` };
  manifest.validDomains = [...new Set([...(manifest.validDomains ?? []), 'token.botframework.com'])];

  const problems: string[] = (await validateManifest(manifest)).map((e) => `manifest.json: ${e}`);
  for (const file of LOCALIZATION_FILES) {
    const errors = await validateLocalization(JSON.parse(read(file).toString('utf8')));
    problems.push(...errors.map((e) => `${file}: ${e}`));
  }
  for (const [file, size] of Object.entries(ICON_SIZES)) {
    const { width, height } = pngSize(read(file));
    if (width !== size || height !== size) problems.push(`${file}: is ${width}×${height}, must be ${size}×${size}`);
  }
  if (problems.length > 0) throw new Error(`The app package is invalid:\n  ${problems.join('\n  ')}`);

  const zip = new JSZip();
  const date = new Date(Date.UTC(2025, 0, 1)); // fixed, so the same input gives the same zip
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n', { date });
  for (const file of PACKAGE_FILES.filter((f) => f !== 'manifest.json')) zip.file(file, read(file), { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

async function main(): Promise<void> {
  await import('dotenv/config');
  const zip = await createAppPackage(process.env.MicrosoftAppId);
  mkdirSync(path.dirname(PACKAGE_FILE), { recursive: true });
  writeFileSync(PACKAGE_FILE, zip);
  console.log(`wrote ${path.relative(ROOT_DIR, PACKAGE_FILE)} (${zip.length} bytes)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
