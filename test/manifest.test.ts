import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  APP_ID,
  BOT_ID_PLACEHOLDER,
  commandsOf,
  MANIFEST_DIR,
  MANIFEST_VERSION,
  ROOT_DIR,
  buildManifestFiles,
} from '../scripts/build-manifest.js';
import {
  PACKAGE_FILES,
  createAppPackage,
  schemaFile,
  validateLocalization,
  validateManifest,
} from '../scripts/package-app.js';

const LOCALIZATION_FILES = { de: 'de.json', ru: 'ru.json', zh: 'zh-cn.json' } as const;
const SAMPLE_APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

const readManifestFile = (name: string): Buffer => readFileSync(path.join(MANIFEST_DIR, name));
const readJson = <T = Record<string, unknown>>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const committedManifest = (): Record<string, unknown> & { bots: Array<Record<string, unknown>> } =>
  readJson(path.join(MANIFEST_DIR, 'manifest.json'));
const commandsJson = (lang: string): Record<string, string[]> =>
  readJson(path.join(ROOT_DIR, 'locales', lang, 'commands.json'));

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string; description?: string }>;
}

// Any attempt to fetch (e.g. a schema download) fails the tests.
const realFetch = globalThis.fetch;
const fetchCalls: string[] = [];
beforeAll(() => {
  globalThis.fetch = ((input: unknown) => {
    fetchCalls.push(String(input));
    return Promise.reject(new Error('network access is not allowed in tests'));
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});
afterEach(() => {
  expect(fetchCalls).toEqual([]);
});

describe('generated manifest files', () => {
  it('are committed exactly as scripts/build-manifest.ts generates them', () => {
    const generated = buildManifestFiles();
    expect(Object.keys(generated).sort()).toEqual(['de.json', 'manifest.json', 'ru.json', 'zh-cn.json']);
    for (const [name, text] of Object.entries(generated)) {
      expect({ name, text: readManifestFile(name).toString('utf8') }).toEqual({ name, text });
    }
    const jsonInDir = readdirSync(MANIFEST_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(jsonInDir).toEqual(Object.keys(generated).sort());
  });

  it('has the expected fixed facts', () => {
    const manifest = committedManifest();
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [
        { languageTag: 'de', file: 'de.json' },
        { languageTag: 'ru', file: 'ru.json' },
        { languageTag: 'zh-cn', file: 'zh-cn.json' },
      ],
    });
    const bot = manifest.bots[0]!;
    expect(bot.botId).toBe(BOT_ID_PLACEHOLDER);
    expect(bot.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    const lists = bot.commandLists as CommandList[];
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual([...(bot.scopes as string[])].sort());
  });

  it('rejects a locale whose command title is not the first commands.json entry', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'locales-'));
    try {
      cpSync(path.join(ROOT_DIR, 'locales'), tmp, { recursive: true });
      const file = path.join(tmp, 'de', 'manifest.json');
      const strings = readJson<{ commands: Record<string, { title: string }> }>(file);
      strings.commands.customerList!.title = 'Kunden anzeigen';
      writeFileSync(file, JSON.stringify(strings));
      expect(() => buildManifestFiles(tmp)).toThrow(/commands\.json/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('rejects a locale string over its length limit', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'locales-'));
    try {
      cpSync(path.join(ROOT_DIR, 'locales'), tmp, { recursive: true });
      const file = path.join(tmp, 'ru', 'manifest.json');
      const strings = readJson<{ name: { short: string } }>(file);
      strings.name.short = 'б'.repeat(31);
      writeFileSync(file, JSON.stringify(strings));
      expect(() => buildManifestFiles(tmp)).toThrow(/name\.short.*31.*max 30/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('schema validation (offline, schemas from @microsoft/app-manifest)', () => {
  it('reads the schemas from the installed package', () => {
    for (const kind of ['manifest', 'localization'] as const) {
      const file = schemaFile(kind);
      expect(file).toContain(path.join('@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`));
      expect(readJson(file).$schema).toBe('http://json-schema.org/draft-04/schema#');
    }
  });

  it('accepts the committed manifest.json', async () => {
    expect(await validateManifest(committedManifest())).toEqual([]);
  });

  it.each(Object.values(LOCALIZATION_FILES))('accepts the committed %s', async (file) => {
    expect(await validateLocalization(readJson(path.join(MANIFEST_DIR, file)))).toEqual([]);
  });

  it('rejects a manifest without name', async () => {
    const { name: _name, ...broken } = committedManifest();
    const errors = await validateManifest(broken);
    expect(errors.join('\n')).toMatch(/required property 'name'/);
  });

  it('rejects a manifest with a bad bot scope and a bad accent colour', async () => {
    const manifest = committedManifest();
    const broken = { ...manifest, accentColor: 'blue', bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] };
    const errors = (await validateManifest(broken)).join('\n');
    expect(errors).toMatch(/accentColor/);
    expect(errors).toMatch(/scopes/);
  });

  it('rejects a localization file with an unknown key or an over-long name', async () => {
    const loc = readJson(path.join(MANIFEST_DIR, 'de.json'));
    const errors = (await validateLocalization({ ...loc, 'name.short': 'x'.repeat(31), nonsense: 'y' })).join('\n');
    expect(errors).toMatch(/name\.short/);
    expect(errors).toMatch(/nonsense/);
  });
});

describe('icons', () => {
  const read = (name: string) => PNG.sync.read(readManifestFile(name));

  it('color.png is 192×192 and not a blank square', () => {
    const png = read('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(2);
  });

  it('outline.png is 32×32 with only white or fully transparent pixels', () => {
    const png = read('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    let white = 0;
    let transparent = 0;
    const offenders: string[] = [];
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
      else offenders.push(`pixel ${i / 4}: rgba(${r},${g},${b},${a})`);
    }
    expect(offenders).toEqual([]);
    expect(white).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(50);
  });
});

describe('localized strings', () => {
  it.each(['manifest.json', ...Object.values(LOCALIZATION_FILES)])('%s is valid UTF-8 without BOM', (file) => {
    const bytes = readManifestFile(file);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
  });

  it('contain the official Partner Center wording', () => {
    const text = (file: string) => readManifestFile(file).toString('utf8');
    const zh = text('zh-cn.json');
    expect(zh).toContain('"bots[0].commandLists[0].commands[0].title": "客户列表"');
    for (const term of ['添加客户', '经销商关系', '合作伙伴中心']) expect(zh).toContain(term);
    const ru = text('ru.json');
    expect(ru).toContain('"bots[0].commandLists[0].commands[0].title": "список клиентов"');
    for (const term of ['добавить клиента', 'Центра партнеров', 'торговым посредником']) expect(ru).toContain(term);
    const de = text('de.json');
    expect(de).toContain('"bots[0].commandLists[0].commands[0].title": "Kundenliste"');
    for (const term of ['Kunden hinzufügen', 'Vertriebspartnerbeziehung', 'Kundenkonten']) expect(de).toContain(term);
    expect(committedManifest().name).toEqual({
      short: 'Customer Accounts Bot',
      full: expect.stringContaining('Partner Center'),
    });
  });

  it('command titles are the first commands.json entries, in every language and command list', () => {
    const manifest = committedManifest();
    const lists = manifest.bots[0]!.commandLists as CommandList[];
    expect(lists.length).toBeGreaterThan(0);
    const en = commandsJson('en');
    const idsOf = (list: CommandList) => commandsOf((list as unknown as { scopes: Parameters<typeof commandsOf>[0][] }).scopes[0]!);
    for (const list of lists) {
      expect(list.commands.map((c) => c.title)).toEqual(idsOf(list).map((id) => en[id]![0]));
    }
    // The channel feed's commands are offered in channels and group chats only.
    expect(lists.map((list) => list.commands.some((c) => c.title === en.notificationsOn![0]))).toEqual([false, true, true]);
    for (const [lang, file] of Object.entries(LOCALIZATION_FILES)) {
      const loc = readJson<Record<string, string>>(path.join(MANIFEST_DIR, file));
      const commands = commandsJson(lang);
      lists.forEach((list, l) => {
        list.commands.forEach((_c, index) => {
          const key = `bots[0].commandLists[${l}].commands[${index}]`;
          expect({ key, title: loc[`${key}.title`] }).toEqual({ key, title: commands[idsOf(list)[index]!]![0] });
          expect(loc[`${key}.description`]).toEqual(expect.any(String));
        });
      });
      // no stray command keys beyond the manifest's lists
      const commandKeys = Object.keys(loc).filter((k) => k.startsWith('bots['));
      expect(commandKeys).toHaveLength(lists.reduce((n, list) => n + list.commands.length * 2, 0));
      // every localized name/description differs from English (actually translated)
      expect(loc['description.full']).not.toBe((manifest.description as { full: string }).full);
    }
  });
});

describe('app package', () => {
  it('zips the six files with MicrosoftAppId as the bot id', async () => {
    const zip = await JSZip.loadAsync(await createAppPackage(SAMPLE_APP_ID));
    const names = Object.keys(zip.files);
    expect(names.sort()).toEqual([...PACKAGE_FILES].sort());
    expect(names.sort()).toEqual(['color.png', 'de.json', 'manifest.json', 'outline.png', 'ru.json', 'zh-cn.json']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as ReturnType<typeof committedManifest>;
    expect(manifest.bots[0]!.botId).toBe(SAMPLE_APP_ID);
    expect(manifest.id).toBe(APP_ID);
    // Ready for Teams SSO (the Partner Center sign-in), with the token service's sign-in page allowed.
    expect(manifest).toMatchObject({ webApplicationInfo: { id: SAMPLE_APP_ID, resource: `api://botid-${SAMPLE_APP_ID}` }, validDomains: ['token.botframework.com'] });
    expect(await validateManifest(manifest)).toEqual([]);
    for (const name of names.filter((n) => n !== 'manifest.json')) {
      expect(Buffer.from(await zip.file(name)!.async('uint8array')).equals(readManifestFile(name))).toBe(true);
    }
  });

  it.each([['not-a-guid'], [''], [undefined], ['3f2504e0-4f89-41d3-9a0c-0305e82c330'], [BOT_ID_PLACEHOLDER]])(
    'refuses app id %p, naming MicrosoftAppId',
    async (appId) => {
      await expect(createAppPackage(appId)).rejects.toThrow(/MicrosoftAppId/);
    },
  );

  it('npm run package exits 1 with a message naming MicrosoftAppId for a non-GUID', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, MicrosoftAppId: 'not-a-guid' };
    delete env.NODE_OPTIONS;
    const result = spawnSync(path.join(ROOT_DIR, 'node_modules', '.bin', 'tsx'), ['scripts/package-app.ts'], {
      cwd: ROOT_DIR,
      env,
      encoding: 'utf8',
      timeout: 15000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/MicrosoftAppId must be a GUID/);
  });
});
