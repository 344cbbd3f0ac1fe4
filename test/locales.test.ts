/**
 * Consistency of locales/{en,de,zh,ru}/*.json with each other, with the card
 * templates and with the keys the code uses. The checks live in
 * test/support/localeKeys.ts and return lists of problems; each test expects
 * an empty list, so a failure prints what is wrong. The last test runs the
 * same checks on a small broken fixture to show that they can fail.
 */
import { REFUSAL_KINDS } from '../src/customers/ports.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resource } from 'i18next';
import { FIELD_LABELS } from '../src/flows/addCustomer/forms.js';
import { FORM_STEPS, WIZARD_STEPS } from '../src/flows/addCustomer/wizardState.js';
import { COMMANDS, NAMED_FLOW_IDS, REGISTRY } from './support/registry.js';
import { ACCOUNT_EVENT_KINDS } from '../src/feed/accountEvents.js';
import { ERROR_CODES } from '../src/rules/validationResult.js';
import { PARTNER_ROLES } from '../src/rules/permissions.js';
import { PARTNER_CLOUDS } from '../src/rules/clouds.js';
import { ROW_PROBLEMS, USER_COLUMNS } from '../src/rules/userCsv.js';
import { BLOCKER_ACTIONS } from '../src/rules/relationshipRemoval.js';
import { END_REASONS, RELATIONSHIPS, SUBSCRIPTION_KINDS, SUBSCRIPTION_STATUSES } from '../src/customers/customer.js';
import { createI18n, loadLocaleResources } from '../src/i18n/i18n.js';
import { SUPPORTED_LANGUAGES } from '../src/i18n/languages.js';
import { projectRoot } from '../src/paths.js';
import { normalizeInput } from '../src/text/normalizeInput.js';
import {
  checkCardReferences,
  checkCommandPhrases,
  checkKeyParity,
  checkNamespaceFiles,
  checkPluralCategories,
  checkPluralSelection,
  checkStrings,
  checkUntranslated,
  checkUsedKeys,
  scanTranslationKeys,
  type Locales,
  type Translate,
} from './support/localeKeys.js';
import { INELIGIBLE_REASONS, PRODUCT_TYPES, TRANSFER_STATUSES } from '../src/transfers/transfer.js';
import { TRANSFER_FORM_ERRORS } from '../src/rules/transferRules.js';
import { LEGACY_STEPS } from '../src/flows/transfers/transferCards.js';
import { OUTCOMES } from '../src/flows/transfers/transferState.js';

const ROOT = projectRoot();
const LOCALES_DIR = path.join(ROOT, 'locales');
const CARDS_DIR = path.join(ROOT, 'cards');
const SRC_DIR = path.join(ROOT, 'src');

/**
 * Strings a translation may share with English: the language endonyms (shown
 * as-is in every language) and, via BRAND_TERMS, strings made only of product
 * or brand names. Keep this short; anything else identical to English is
 * most likely an untranslated leftover.
 */
// Endonyms, plus German words that are spelled as in English ("Details", "Software").
// "Email" is Partner Center's own Russian label (domain.md §13).
const IDENTICAL_ALLOWED = ['English', 'Deutsch', '中文（简体）', 'Русский', 'Details', 'Software', 'Email', 'Status', 'contoso.onmicrosoft.com', 'Anna', '{{user}}: {{result}}'] as const;
const BRAND_TERMS = ['Partner Center', 'Microsoft ID', 'CSP', 'GDAP', 'Azure'] as const;

/**
 * The dynamic keys the code builds with template literals, by `namespace:pattern`
 * exactly as written in src/, with the values of their one `${…}`. The scanner
 * fails on any template-literal key not listed here.
 */
const KEY_EXPANSIONS: Record<string, readonly string[]> = {
  // Menus and the router: each flow's menu label (menu, details card, "whose task"), …
  'common:menu.${flow.id}': NAMED_FLOW_IDS,
  'common:menu.${flowId}': NAMED_FLOW_IDS,
  // How roles are assigned where the refused user is (src/permissions/roleDirectory.ts RoleSource).
  'common:roles.howAssigned.${this.deps.roles.sourceOf(ctx.tenantId)}': ['sandbox', 'file', 'partnerCenter'],
  // … one help line per command, headed by the command's first phrase, …
  'common:help.commands.${command}': COMMANDS,
  'commands:${command}.0': COMMANDS,
  'commands:${flowId}.0': REGISTRY.flows.filter((f) => f.kind === 'card').map((f) => f.id),
  // The channel feed: one title per kind of account change.
  'common:feed.${event.kind}': ACCOUNT_EVENT_KINDS,
  // … and the refusal of a flow that needs roles.
  'common:${flow.id}.notAllowed': REGISTRY.flows.filter((f) => f.kind === 'card' && f.roles).map((f) => f.id),
  // languageDialog: the language picker and the current language.
  'common:language.names.${code}': SUPPORTED_LANGUAGES,
  'common:language.names.${language}': SUPPORTED_LANGUAGES,
  // i18n/labels.ts: the model's enumerations.
  'common:relationship.${relationship}': RELATIONSHIPS,
  'common:subscriptionKind.${kind}': SUBSCRIPTION_KINDS,
  'common:subscriptionStatus.${status}': SUBSCRIPTION_STATUSES,
  'common:endReason.${reason}': END_REASONS,
  'common:transfers.status.${status}': TRANSFER_STATUSES,
  'common:transfers.productTypes.${type}': PRODUCT_TYPES,
  'common:transfers.reasons.${reason}': INELIGIBLE_REASONS,
  'common:transfers.errors.${error}': TRANSFER_FORM_ERRORS,
  'common:transfers.legacy.steps.${step}': LEGACY_STEPS,
  'common:transfers.${outcome.kind}': OUTCOMES,
  // A backend's refusal, by kind.
  'common:backend.${refusal.kind}': REFUSAL_KINDS,
  // dialogs/addCustomer/forms.ts: the wizard's steps, field labels and validation messages.
  'common:addCustomer.steps.${step}': WIZARD_STEPS,
  'common:addCustomer.intro.${step}': FORM_STEPS,
  'common:addCustomer.fields.${field}': FIELD_LABELS,
  'validation:${error.code}': ERROR_CODES,
  // i18n/labels.ts: roles and what to do about each blocker of a removal.
  'common:roles.${role}': PARTNER_ROLES,
  'common:endRelationship.actions.${action}': BLOCKER_ACTIONS,
  // Adding users: the sample file's two users, the columns, what is wrong with a file or a row, and each item's result.
  'common:userCsv.sample.${n}.firstName': ['first', 'second'],
  'common:userCsv.sample.${n}.lastName': ['first', 'second'],
  'common:userCsv.sample.${n}.displayName': ['first', 'second'],
  'common:userCsv.sample.${n}.mailbox': ['first', 'second'],
  'common:userCsv.columns.${column}': USER_COLUMNS,
  'common:userCsv.file.${problem}': ['notCsv', 'empty', 'unknownColumns', 'unreadable'],
  'common:userCsv.problems.${problem.code}': ROW_PROBLEMS,
  'common:addUsers.cloud.${this.deps.cloud}': PARTNER_CLOUDS.filter((c) => c !== 'public'),
  'common:jobs.reason.${reason}': [...REFUSAL_KINDS, 'signIn'],
  'common:indirectResellers.states.${state}': ['active', 'inactive', 'pending', 'suspended'],
  'common:jobs.outcome.${outcome}': ['created', 'exists', 'assigned', 'notEnough', 'notDone'],
};

const locales = loadLocaleResources(LOCALES_DIR) as Locales;

function readTree(dir: string, extension: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (entry.endsWith(extension)) files[path.join(path.relative(ROOT, dir), entry)] = readFileSync(path.join(dir, entry), 'utf8');
  }
  return files;
}

const translateWith = (resources: Locales): Translate => {
  const i18n = createI18n(resources as Resource);
  return (language, key, options) => i18n.getFixedT(language)(key, options) as string;
};

describe('locales', () => {
  it('has a directory for exactly the supported languages', () => {
    const dirs = readdirSync(LOCALES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(dirs.sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    expect(Object.keys(locales['en'] ?? {}).sort()).toEqual(['commands', 'common', 'manifest', 'validation']);
  });

  it('1. has the same namespace files and the same keys in every language', () => {
    expect(checkNamespaceFiles(locales)).toEqual([]);
    expect(checkKeyParity(locales)).toEqual([]);
  });

  it('2. has exactly the plural categories each language uses', () => {
    expect(checkPluralCategories(locales)).toEqual([]);
  });

  it('3. has no empty or untrimmed strings, and the same placeholders as English', () => {
    expect(checkStrings(locales)).toEqual([]);
  });

  it('4. resolves every ${t.…} in cards/*.json in every language', () => {
    const cards = readTree(CARDS_DIR, '.json');
    expect(Object.keys(cards).length).toBeGreaterThan(0);
    expect(checkCardReferences(cards, locales)).toEqual([]);
  });

  it('5. has every key the code passes to t() in every language', () => {
    const { keys, problems } = scanTranslationKeys(readTree(SRC_DIR, '.ts'), KEY_EXPANSIONS);
    expect(problems).toEqual([]);
    // The scanner sees the calls we know of (guards against a regex that silently matches nothing).
    expect(keys.map((k) => `${k.ns}:${k.key}`)).toEqual(
      expect.arrayContaining(['common:welcome.customerCount', 'common:notice.staleCard', 'common:menu.endRelationship', 'commands:customerList.0']),
    );
    expect(checkUsedKeys(keys, locales)).toEqual([]);
  });

  it('6. has no English leftovers in de/zh/ru common strings', () => {
    expect(checkUntranslated(locales, { identical: IDENTICAL_ALLOWED, brandTerms: BRAND_TERMS })).toEqual([]);
  });

  it('7. picks the right plural form (ru one/few/many, zh other, en/de one)', () => {
    expect(checkPluralSelection(translateWith(locales), locales)).toEqual([]);
  });

  it('8. has phrases for every command in every language, none meaning two commands', () => {
    expect(checkCommandPhrases(locales, COMMANDS, normalizeInput)).toEqual([]);
  });
});

describe('the locale checks on a broken fixture', () => {
  const broken: Locales = {
    en: {
      common: {
        greeting: 'Hello {{name}}',
        ok: 'Done',
        items_one: '{{formatted}} item',
        items_other: '{{formatted}} items',
      },
      commands: { menu: ['menu'], help: ['help'] },
    },
    de: {
      common: { greeting: 'Hallo {{name}}', ok: 'Done', items_one: '{{formatted}} Element', items_other: '{{formatted}} Elemente' },
      commands: { menu: ['Menü'], help: ['Hilfe', 'Menu'] },
    },
    ru: {
      // "greeting" is missing; "items" lacks _few/_many; "ok" has a trailing space.
      common: { ok: 'Готово ', items_one: '{{formatted}} элемент', items_other: '{{formatted}} элементов' },
      commands: { menu: ['меню'], help: [] },
    },
  };

  it('reports each problem', () => {
    expect(checkKeyParity(broken)).toEqual(['ru/common: key "greeting" is missing']);
    expect(checkPluralCategories(broken)).toEqual(['ru/common: plural "items" lacks _few, _many (ru uses few/many/one/other)']);
    expect(checkStrings(broken)).toEqual([
      'ru/common: "ok" has leading/trailing whitespace: "Готово "',
      'ru/commands: "help" is an empty list',
    ]);
    expect(checkUntranslated(broken, { identical: IDENTICAL_ALLOWED, brandTerms: BRAND_TERMS })).toEqual(['de/common: "ok" is the English text "Done"']);
    expect(checkCommandPhrases(broken, ['menu', 'help'], normalizeInput)).toEqual([
      'phrase "menu" means menu (en/commands: "menu") and help (de/commands: "help")',
      'ru/commands: "help" has no phrases',
    ]);
    expect(checkPluralSelection(translateWith(broken), broken, { ru: { 5: 'many' } })).toEqual([
      'ru/common: "items_many" (needed for count 5) is missing',
    ]);
  });

  it('reports placeholders, cards, non-literal and unknown dynamic keys', () => {
    const fixture: Locales = {
      en: { common: { a: 'Hi {{name}}', b: { c: 'x' } } },
      zh: { common: { a: '你好 {{user}}', b: { c: '' } } },
    };
    expect(checkStrings(fixture)).toEqual(['zh/common: "a" has placeholders [user], English has [name]', 'zh/common: "b.c" is empty']);
    expect(checkCardReferences({ 'x.json': '{"text": "${t.b.c} ${t.b} ${t.missing}"}' }, fixture)).toEqual([
      'card x.json: ${t.b} is not a string in en/common',
      'card x.json: ${t.b} is not a string in zh/common',
      'card x.json: ${t.missing} is not a string in en/common',
      'card x.json: ${t.missing} is not a string in zh/common',
    ]);
    const source = [
      "t('a'); t(\"b.c\", { count }); t('x.0', { ns: 'commands' });",
      't(`b.${part}`); t(`a.${other}`); t(someKey);',
    ].join('\n');
    const { keys, problems } = scanTranslationKeys({ 'f.ts': source }, { 'common:b.${part}': ['c', 'd'], 'common:gone.${x}': ['y'] });
    expect(keys.map((k) => `${k.ns}:${k.key}`)).toEqual(['common:a', 'common:b.c', 'commands:x.0', 'common:b.c', 'common:b.d']);
    expect(problems).toEqual([
      'f.ts:2: unknown dynamic key t(`a.${other}`) in namespace common; add "common:a.${other}" and its values to the expansions table',
      'f.ts:2: t() with a non-literal key ("t(s"); use a literal or a known template',
      'expansions table: "common:gone.${x}" no longer occurs in the scanned source',
    ]);
    expect(checkUsedKeys(keys, fixture)).toEqual([
      'f.ts:1: "commands:x.0" does not resolve to a string in en',
      'f.ts:1: "commands:x.0" does not resolve to a string in zh',
      'f.ts:2 (common:b.${part}): "common:b.d" does not resolve to a string in en',
      'f.ts:2 (common:b.${part}): "common:b.d" does not resolve to a string in zh',
    ]);
  });
});
