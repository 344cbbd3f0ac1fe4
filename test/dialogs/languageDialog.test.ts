import path from 'node:path';
import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { LocaleMiddleware } from '../../src/bot/localeMiddleware.js';
import { Responses } from '../../src/bot/responses.js';
import { Localizer } from '../../src/bot/turnLocale.js';
import type { UserPreferences } from '../../src/bot/userPreferences.js';
import type { CustomerDirectory } from '../../src/customers/customerDirectory.js';
import { LanguageDialog } from '../../src/dialogs/languageDialog.js';
import { createI18n, loadLocaleResources } from '../../src/i18n/i18n.js';
import { LanguageNames } from '../../src/i18n/languageNames.js';
import type { Language } from '../../src/i18n/languages.js';
import { projectRoot } from '../../src/paths.js';
import { actionData, cardText } from '../support/cards.js';
import { projectCardRenderer } from '../support/flows.js';

/** Preferences kept in a map, so the test can see what the dialog stored. */
class MapPreferences implements UserPreferences {
  readonly saved = new Map<string, Language>();
  async language(context: TurnContext) {
    return this.saved.get(context.activity.from.id);
  }
  async setLanguage(context: TurnContext, language: Language) {
    this.saved.set(context.activity.from.id, language);
  }
}

function client(preferences = new MapPreferences(), options: { requested?: string } = {}) {
  const resources = loadLocaleResources(path.join(projectRoot(), 'locales'));
  const localizer = new Localizer(createI18n(resources));
  const cards = projectCardRenderer();
  const responses = new Responses(cards, {} as CustomerDirectory);
  const dialog = new LanguageDialog({ cards, responses, preferences, localizer, languageNames: new LanguageNames(resources) });
  const testClient = new DialogTestClient('test', dialog, options, [new LocaleMiddleware(localizer, preferences)], new ConversationState(new MemoryStorage()));
  return { testClient, preferences };
}

/** Data-driven, in the style of core-bot: what the user does, what they must see, what gets stored. */
const CASES = [
  { name: 'English user picks Deutsch', locale: 'en-US', prompt: 'Which language should I use with you?', current: 'Current language: English', pick: 'Deutsch', says: 'Ab jetzt spreche ich Deutsch mit Ihnen.', stored: 'de' },
  { name: 'German user picks Русский', locale: 'de-DE', prompt: 'In welcher Sprache soll ich mit Ihnen sprechen?', current: 'Aktuelle Sprache: Deutsch', pick: 'Русский', says: 'Теперь я буду общаться с вами на русском языке.', stored: 'ru' },
  { name: 'Chinese user picks English', locale: 'zh-CN', prompt: '您希望我使用哪种语言？', current: '当前语言：中文（简体）', pick: 'English', says: 'From now on I will speak English with you.', stored: 'en' },
  { name: 'Russian user picks 中文', locale: 'ru-RU', prompt: 'На каком языке мне с вами общаться?', current: 'Текущий язык: Русский', pick: '中文（简体）', says: '从现在起，我将使用简体中文与您交流。', stored: 'zh' },
] as const;

describe('LanguageDialog', () => {
  it.each(CASES)('$name', async ({ locale, prompt, current, pick, says, stored }) => {
    const { testClient, preferences } = client();
    const picker = await testClient.sendActivity({ type: 'message', text: 'language', locale });
    expect(cardText(picker)).toContain(prompt);
    expect(cardText(picker)).toContain(current);
    expect(cardText(picker).split('\n')).toEqual(expect.arrayContaining(['English', 'Deutsch', '中文（简体）', 'Русский']));
    const done = await testClient.sendActivity({ type: 'message', value: actionData(picker, pick), locale });
    expect(cardText(done)).toContain(says);
    expect(testClient.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect(testClient.dialogTurnResult.result).toBe(stored);
    expect(preferences.saved.get('user1')).toBe(stored);
  });

  it.each([
    ['Deutsch', 'de'], ['german', 'de'], ['德语', 'de'], ['немецкий', 'de'], ['ru-RU', 'ru'], ['Chinesisch', 'zh'], ['английский', 'en'],
  ])('accepts the language typed as "%s"', async (typed, expected) => {
    const { testClient, preferences } = client();
    await testClient.sendActivity({ type: 'message', text: 'language', locale: 'en-US' });
    await testClient.sendActivity({ type: 'message', text: typed, locale: 'en-US' });
    expect(preferences.saved.get('user1')).toBe(expected);
  });

  it('skips the picker when started with a language', async () => {
    const { testClient, preferences } = client(undefined, { requested: 'Русский' });
    const reply = await testClient.sendActivity({ type: 'message', text: 'язык русский', locale: 'de-DE' });
    expect(cardText(reply)).toContain('Теперь я буду общаться с вами на русском языке.');
    expect(preferences.saved.get('user1')).toBe('ru');
  });

  it('re-asks, storing nothing, for a submit naming no supported language', async () => {
    const { testClient, preferences } = client();
    const picker = await testClient.sendActivity({ type: 'message', text: 'language', locale: 'de-DE' });
    const hint = await testClient.sendActivity({ type: 'message', value: { ...actionData(picker, 'Deutsch'), language: 'xx' }, locale: 'de-DE' });
    expect(cardText(hint)).toContain('Diese Sprache kenne ich nicht.');
    expect(cardText(testClient.getNextReply())).toContain('In welcher Sprache soll ich mit Ihnen sprechen?');
    expect(testClient.dialogTurnResult.status).toBe(DialogTurnStatus.waiting);
    expect(preferences.saved.size).toBe(0);
  });
});
