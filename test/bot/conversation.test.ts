import type { Activity } from 'botbuilder';
import { actionData, cardOf, cardText, inputsOf } from '../support/cards.js';
import { failingFlow, WaitingFlow } from '../support/flows.js';
import { BOT, startTestBot, USER, type TestBot } from '../support/runtime.js';

/** What each language's main menu must say (literal: these are what users read). */
const WELCOME = {
  'en-US': { title: 'Customer accounts', count: 'Your customer list has 21 customers.', help: 'Help', unknown: 'Sorry, I did not understand that.' },
  'de-DE': { title: 'Kundenkonten', count: 'Ihre Kundenliste enthält 21 Kunden.', help: 'Hilfe', unknown: 'Das habe ich leider nicht verstanden.' },
  'zh-CN': { title: '客户帐户', count: '您的客户列表中有 21 位客户。', help: '帮助', unknown: '抱歉，我没有理解。' },
  'ru-RU': { title: 'Учетные записи клиентов', count: 'В вашем списке 21 клиент.', help: 'Справка', unknown: 'Извините, я вас не понял.' },
} as const;
type Locale = keyof typeof WELCOME;
const LOCALES = Object.keys(WELCOME) as Locale[];

const NOTICES = {
  'en-US': { stale: 'This card is no longer active.', malformed: 'I could not read that card action.', error: 'Something went wrong', cancelled: 'Cancelled. Nothing was changed.', nothing: 'There is nothing to cancel.' },
  'de-DE': { stale: 'Diese Karte ist nicht mehr aktiv.', malformed: 'Diese Kartenaktion konnte ich nicht lesen.', error: 'Ein Fehler ist aufgetreten', cancelled: 'Abgebrochen. Es wurde nichts geändert.', nothing: 'Es gibt nichts abzubrechen.' },
  'zh-CN': { stale: '此卡片已失效。', malformed: '我无法读取此卡片操作。', error: '出现错误', cancelled: '已取消。未做任何更改。', nothing: '没有可取消的操作。' },
  'ru-RU': { stale: 'Эта карточка больше не активна.', malformed: 'Не удалось прочитать действие карточки.', error: 'Произошла ошибка', cancelled: 'Отменено. Ничего не изменено.', nothing: 'Нечего отменять.' },
} as const;

/** The start of what a card answer that ended its flow gets when it arrives again. */
const REPEATED: Record<Locale, string> = {
  'en-US': 'The bot had already received this answer and acted on it once.',
  'de-DE': 'Diese Antwort hatte der Bot bereits erhalten und einmal ausgeführt.',
  'zh-CN': '机器人此前已收到此回答，并已执行一次。',
  'ru-RU': 'Бот уже получил этот ответ и выполнил его один раз.',
};

const NEXT: Record<Locale, string> = { 'en-US': 'Next', 'de-DE': 'Weiter', 'zh-CN': '下一步', 'ru-RU': 'Далее' };

const membersAdded = (members: Array<{ id: string }>, extra: Partial<Activity> = {}): Partial<Activity> => ({
  type: 'conversationUpdate',
  membersAdded: members as Activity['membersAdded'],
  ...extra,
});

describe('conversation through the full runtime (TestAdapter)', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close(true));

  describe('welcome', () => {
    it.each(LOCALES)('greets a new user in the incoming locale %s, with the customer count', async (locale) => {
      bot = await startTestBot();
      const replies = await bot.send(membersAdded([USER, BOT], { locale }));
      expect(replies).toHaveLength(1);
      const text = cardText(replies[0]);
      expect(text).toContain(WELCOME[locale].title);
      expect(text).toContain(WELCOME[locale].count);
      expect(text).toContain(WELCOME[locale].help);
      expect(cardOf(replies[0]).version).toBe('1.5');
    });

    it.each([
      ['no locale at all', {}],
      ['an unknown locale', { locale: 'fr-FR' }],
      ['a malformed locale', { locale: '../../etc' }],
    ])('greets in English for %s', async (_name, extra) => {
      bot = await startTestBot();
      const replies = await bot.send(membersAdded([USER, BOT], extra));
      expect(cardText(replies[0])).toContain('Customer accounts');
    });

    it.each([
      ['en-US', ['Customer list', 'Add customer'], 'More tasks'],
      ['de-DE', ['Kundenliste', 'Kunden hinzufügen'], 'Weitere Aufgaben'],
      ['zh-CN', ['客户列表', '添加客户'], '更多任务'],
      ['ru-RU', ['Список клиентов', 'Добавить клиента'], 'Другие задачи'],
    ] as const)('%s: leads with the app icon and name, then the list (primary) and add customer; the other tasks below, Help and Language last', async (locale, main, more) => {
      bot = await startTestBot();
      const [welcome] = await bot.send({ text: 'menu', locale });
      const card = cardOf(welcome);
      const header = (card.body as Array<Record<string, any>>).find((element) => element.type === 'ColumnSet')!;
      expect(header.columns[0].items[0]).toMatchObject({ type: 'Image', url: expect.stringMatching(/^data:image\/png;base64,iVBOR/) });
      expect(header.columns[1].items[0].text).toBe(WELCOME[locale].title);
      const rows = (card.body as Array<Record<string, any>>).filter((element) => element.type === 'ActionSet').map((set) => set.actions.map((a: any) => ({ title: a.title, style: a.style ?? 'default' })));
      expect(rows[0]).toEqual([{ title: main[0], style: 'positive' }, { title: main[1], style: 'default' }]);
      expect(rows.at(-1)!.map((a: { title: string }) => a.title)).toEqual([WELCOME[locale].help, expect.any(String)]);
      expect(rows.slice(1, -1).flat().length).toBeGreaterThanOrEqual(3);
      expect(cardText(welcome)).toContain(more);
    });

    it('uses the Teams clientInfo locale when the activity has none, and DEFAULT_LOCALE after that', async () => {
      bot = await startTestBot({ env: { DEFAULT_LOCALE: 'ru' } });
      const fromClientInfo = await bot.send(membersAdded([USER, BOT], { entities: [{ type: 'clientInfo', locale: 'zh-CN' }] }));
      expect(cardText(fromClientInfo[0])).toContain('客户帐户');
      const fromDefault = await bot.send(membersAdded([USER, BOT]));
      expect(cardText(fromDefault[0])).toContain('Учетные записи клиентов');
    });

    it('does not greet the bot itself outside Teams, and greets once when Teams installs the bot', async () => {
      bot = await startTestBot();
      expect(await bot.send(membersAdded([BOT], { locale: 'en-US' }))).toHaveLength(0);
      const teamsInstall = await bot.send(membersAdded([BOT], { locale: 'de-DE', channelId: 'msteams' }));
      expect(teamsInstall).toHaveLength(1);
      expect(cardText(teamsInstall[0])).toContain('Kundenkonten');
      // Another member joining a team is not greeted in the channel.
      expect(await bot.send(membersAdded([{ id: 'someone-else' }], { locale: 'de-DE', channelId: 'msteams' }))).toHaveLength(0);
    });

    it('counts only the tenant of the conversation: a Teams tenant with no data sees an empty list', async () => {
      bot = await startTestBot();
      const replies = await bot.send(
        membersAdded([BOT], { channelId: 'msteams', locale: 'en-US', channelData: { tenant: { id: 'contoso-partner-tenant' } } }),
      );
      expect(cardText(replies[0])).toContain('Your customer list is empty.');
    });
  });

  describe('typed commands', () => {
    it.each([
      ['en-US', 'help', 'Commands'],
      ['de-DE', 'Hilfe', 'Befehle'],
      ['zh-CN', '帮助', '命令'],
      ['ru-RU', 'Справка', 'Команды'],
    ] as const)('%s: "%s" shows the help card with the commands in that language', async (locale, text, heading) => {
      bot = await startTestBot();
      const [reply] = await bot.send({ text, locale });
      expect(cardText(reply)).toContain(heading);
      expect(cardText(reply)).toContain(WELCOME[locale].help);
    });

    it('understands the commands of every language whatever the user\'s language', async () => {
      bot = await startTestBot();
      const [reply] = await bot.send({ text: 'справка', locale: 'de-DE' });
      expect(cardText(reply)).toContain('Befehle');
    });

    it.each(LOCALES)('%s: unknown input gets a short localized reply with the menu', async (locale) => {
      bot = await startTestBot();
      const replies = await bot.send({ text: 'what is the weather like', locale });
      expect(replies).toHaveLength(1);
      const text = cardText(replies[0]);
      expect(text).toContain(WELCOME[locale].unknown);
      expect(text).toContain(WELCOME[locale].help);
    });

    it.each([
      ['de-DE', 'Kunden hinzufügen', 'Hallo', 'Was Sie begonnen haben, ist noch offen', 'Weiter'],
      ['en-US', 'add customer', 'hi', 'I kept what you started', 'Next'],
      ['zh-CN', '添加客户', '你好', '您开始的操作仍保留', '下一步'],
      ['ru-RU', 'добавить клиента', 'привет', 'Начатое действие сохранено', 'Далее'],
    ])('%s: a greeting typed mid-wizard keeps the wizard: its card comes again and goes on', async (locale, start, greeting, kept, next) => {
      bot = await startTestBot();
      const [company] = await bot.send({ text: start, locale });
      const replies = await bot.send({ text: greeting, locale });
      expect(cardText(replies[0])).toContain(kept);
      const again = replies[1]!;
      expect(cardText(again)).toBe(cardText(company));
      const [address] = await bot.send({ value: { ...actionData(again, next), country: 'DE', companyName: 'Grußwort GmbH', domainPrefix: 'grusswort2026' }, locale });
      expect(inputsOf(cardOf(address)).map((i) => i.id)).toContain('addressLine1');
    });

    it('strips only the bot\'s own @mention', async () => {
      bot = await startTestBot();
      const botMention = { type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` };
      const [help] = await bot.send({ channelId: 'msteams', locale: 'de-DE', text: `<at>${BOT.name}</at> Hilfe`, entities: [botMention] });
      expect(cardText(help)).toContain('Befehle');
      const otherMention = { type: 'mention', mentioned: { id: 'anna', name: 'Anna' }, text: '<at>Anna</at>' };
      const [other] = await bot.send({ channelId: 'msteams', locale: 'de-DE', text: '<at>Anna</at> Hilfe', entities: [otherMention] });
      expect(cardText(other)).toContain('Das habe ich leider nicht verstanden.');
    });

    it('processes a repeated activity id only once', async () => {
      bot = await startTestBot();
      expect(await bot.send({ id: 'teams-retry-1', text: 'help', locale: 'en-US' })).toHaveLength(1);
      expect(await bot.send({ id: 'teams-retry-1', text: 'help', locale: 'en-US' })).toHaveLength(0);
    });
  });

  describe('card submits', () => {
    it('a menu button works like the typed command', async () => {
      bot = await startTestBot();
      const [welcome] = await bot.send(membersAdded([USER, BOT], { locale: 'ru-RU' }));
      const [help] = await bot.send({ value: actionData(welcome, 'Справка'), locale: 'ru-RU' });
      expect(cardText(help)).toContain('Команды');
    });

    it.each(LOCALES)('%s: a malformed or forged payload gets a localized notice and the bot keeps going', async (locale) => {
      bot = await startTestBot();
      const forged: unknown[] = [
        'just a string',
        42,
        { verb: 123 },
        { verb: '<script>alert(1)</script>' },
        // Under the intake bound; longer is refused as too long (test/http/forgedActivities.test.ts).
        { verb: 'x'.repeat(10_000) },
        { verb: 'noSuchThing' },
        { verb: 'language.choose', promptId: 'not-a-uuid', language: 'de' },
        { nothing: 'here' },
      ];
      for (const value of forged) {
        const replies = await bot.send({ value, locale });
        expect(replies).toHaveLength(1);
        expect(cardText(replies[0])).toContain(NOTICES[locale].malformed);
      }
      const [help] = await bot.send({ text: 'help', locale });
      expect(cardOf(help).body).toBeDefined();
    });
  });

  describe('language', () => {
    it.each([
      ['en-US', 'language', 'Deutsch', 'Ab jetzt spreche ich Deutsch mit Ihnen.', 'Kundenkonten'],
      ['de-DE', 'Sprache', 'Русский', 'Теперь я буду общаться с вами на русском языке.', 'Учетные записи клиентов'],
      ['zh-CN', '语言', 'English', 'From now on I will speak English with you.', 'Customer accounts'],
      ['ru-RU', 'язык', '中文（简体）', '从现在起，我将使用简体中文与您交流。', '客户帐户'],
    ] as const)('%s: "%s" → pick %s switches and the choice sticks over the client locale', async (locale, command, button, confirmation, menuTitle) => {
      bot = await startTestBot();
      const [picker] = await bot.send({ text: command, locale });
      const [changed] = await bot.send({ value: actionData(picker, button), locale });
      expect(cardText(changed)).toContain(confirmation);
      const [menu] = await bot.send({ text: 'menu', locale });
      expect(cardText(menu)).toContain(menuTitle);
    });

    it('takes the language from the command itself: "Sprache English", "язык немецкий", "language zh"', async () => {
      bot = await startTestBot();
      expect(cardText((await bot.send({ text: 'Sprache English', locale: 'de-DE' }))[0])).toContain('From now on I will speak English');
      expect(cardText((await bot.send({ text: 'язык немецкий', locale: 'ru-RU' }))[0])).toContain('Ab jetzt spreche ich Deutsch');
      expect(cardText((await bot.send({ text: 'language zh', locale: 'en-US' }))[0])).toContain('从现在起');
    });

    it('an unknown typed language re-shows the picker with a hint', async () => {
      bot = await startTestBot();
      await bot.send({ text: 'language', locale: 'en-US' });
      const replies = await bot.send({ text: 'Klingon', locale: 'en-US' });
      expect(cardText(replies[0])).toContain("I don't know that language.");
      expect(cardText(replies[1])).toContain('Which language should I use with you?');
    });

    it('is remembered across a restart', async () => {
      bot = await startTestBot();
      const [picker] = await bot.send({ text: 'language', locale: 'en-US' });
      await bot.send({ value: actionData(picker, 'Русский'), locale: 'en-US' });
      await bot.close();
      bot = await startTestBot({ dataDir: bot.dataDir });
      const [menu] = await bot.send({ text: 'menu', locale: 'en-US' });
      expect(cardText(menu)).toContain('Учетные записи клиентов');
    });
  });

  describe('stale cards, cancel and errors', () => {
    it.each(LOCALES)('%s: a click on an old card is refused politely and changes nothing', async (locale) => {
      bot = await startTestBot();
      const [firstPicker] = await bot.send({ text: 'language', locale });
      const [secondPicker] = await bot.send({ text: 'language', locale });
      const stale = await bot.send({ value: actionData(firstPicker, 'Русский'), locale });
      expect(cardText(stale[0])).toContain(NOTICES[locale].stale);
      // The current card still works…
      const [changed] = await bot.send({ value: actionData(secondPicker, 'Deutsch'), locale });
      expect(cardText(changed)).toContain('Ab jetzt spreche ich Deutsch');
      // …once: afterwards it is stale too, and the language stays German.
      const again = await bot.send({ value: actionData(secondPicker, 'English'), locale: 'de-DE' });
      expect(cardText(again[0])).toContain(NOTICES['de-DE'].stale);
      expect(cardText((await bot.send({ text: 'menu', locale }))[0])).toContain('Kundenkonten');
    });

    it.each(LOCALES)('%s: cancel ends the active dialog; with none it says so', async (locale) => {
      bot = await startTestBot();
      const cancelWord = { 'en-US': 'cancel', 'de-DE': 'Abbrechen', 'zh-CN': '取消', 'ru-RU': 'отмена' }[locale];
      expect(cardText((await bot.send({ text: cancelWord, locale }))[0])).toContain(NOTICES[locale].nothing);
      const [picker] = await bot.send({ text: 'language', locale });
      expect(cardText((await bot.send({ text: cancelWord, locale }))[0])).toContain(NOTICES[locale].cancelled);
      expect(cardText((await bot.send({ value: actionData(picker, 'Deutsch'), locale }))[0])).toContain(NOTICES[locale].stale);
    });

    it('help does not interrupt the waiting card', async () => {
      bot = await startTestBot();
      const [picker] = await bot.send({ text: 'language', locale: 'en-US' });
      await bot.send({ text: 'help', locale: 'en-US' });
      const [changed] = await bot.send({ value: actionData(picker, 'Deutsch'), locale: 'en-US' });
      expect(cardText(changed)).toContain('Ab jetzt spreche ich Deutsch');
    });

    it('a language switch in the middle of a flow re-shows the flow\'s card in the new language and the flow goes on', async () => {
      const flow = new WaitingFlow();
      bot = await startTestBot({ overrides: { flows: { addCustomer: () => flow } } });
      const [flowCard] = await bot.send({ text: 'add customer', locale: 'en-US' });
      expect(cardText(flowCard)).toContain('Step 1 of 5: Account info');
      const replies = await bot.send({ text: 'Sprache Deutsch', locale: 'en-US' });
      expect(cardText(replies[0])).toContain('Ab jetzt spreche ich Deutsch');
      const reshown = replies[1];
      expect(cardText(reshown)).toContain('Schritt 1 von 5: Kontoinformationen');
      expect(cardText((await bot.send({ value: actionData(flowCard, 'Next'), locale: 'en-US' }))[0])).toContain(NOTICES['de-DE'].stale);
      await bot.send({ value: actionData(reshown, 'Weiter'), locale: 'en-US' });
      expect(flow.answers).toEqual(['addCustomer.next']);
    });

    it.each(LOCALES)('%s: a card answer sent again after the instance that acted on it stopped brings back the card it led to, and is not acted on twice', async (locale) => {
      bot = await startTestBot();
      const [company] = await bot.send({ text: 'add customer', locale });
      const answer = { id: 'answer-1', locale, value: { country: 'DE', companyName: 'Wiederholt GmbH', domainPrefix: 'wiederholt', ...actionData(company, NEXT[locale]) } };
      const [address] = await bot.send(answer);
      expect(inputsOf(address).map((input) => input.id)).toContain('addressLine1');
      // Its answer was lost with the instance: Teams sends the same activity again, here to a fresh process on the same data.
      await bot.close();
      bot = await startTestBot({ dataDir: bot.dataDir });
      const [again] = await bot.send(answer);
      expect(cardText(again)).toBe(cardText(address));
      expect(actionData(again, NEXT[locale])).toEqual(actionData(address, NEXT[locale]));
      // The same old card pressed anew (another activity) is still stale.
      expect(cardText((await bot.send({ ...answer, id: 'answer-2' }))[0])).toContain(NOTICES[locale].stale);
    });

    it.each(LOCALES)('%s: the answer that ended a flow, sent again, is said to be done already, not stale, and the flow does not run it again', async (locale) => {
      const flow = new WaitingFlow();
      bot = await startTestBot({ overrides: { flows: { addCustomer: () => flow } } });
      const [card] = await bot.send({ text: 'add customer', locale });
      const answer = { id: 'answer-1', locale, value: actionData(card, NEXT[locale]) };
      await bot.send(answer);
      await bot.close();
      bot = await startTestBot({ dataDir: bot.dataDir, overrides: { flows: { addCustomer: () => flow } } });
      const [notice] = await bot.send(answer);
      expect(cardText(notice)).toContain(REPEATED[locale]);
      expect(flow.answers).toEqual(['addCustomer.next']);
    });

    it.each(LOCALES)('%s: an exception inside a dialog gets the localized error card, clears the dialog, and the bot keeps serving', async (locale) => {
      bot = await startTestBot({ overrides: { flows: { addCustomer: failingFlow } } });
      const [flowCard] = await bot.send({ text: 'add customer', locale });
      const next = actionData(flowCard, NEXT[locale]);
      const [error] = await bot.send({ value: next, locale });
      expect(cardText(error)).toContain(NOTICES[locale].error);
      // The broken flow is gone: its card is stale, and the menu works.
      expect(cardText((await bot.send({ value: next, locale }))[0])).toContain(NOTICES[locale].stale);
      expect(cardText((await bot.send({ text: 'menu', locale }))[0])).toContain(WELCOME[locale].title);
    });
  });
});
