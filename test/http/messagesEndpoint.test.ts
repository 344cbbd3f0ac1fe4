import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { actionData, cardText } from '../support/cards.js';
import { failingFlow } from '../support/flows.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

const LANGUAGES = [
  { locale: 'en-US', title: 'Customer accounts', helpButton: 'Help', helpHeading: 'Commands', typed: 'help' },
  { locale: 'de-DE', title: 'Kundenkonten', helpButton: 'Hilfe', helpHeading: 'Befehle', typed: 'Hilfe' },
  { locale: 'zh-CN', title: '客户帐户', helpButton: '帮助', helpHeading: '命令', typed: '帮助' },
  { locale: 'ru-RU', title: 'Учетные записи клиентов', helpButton: 'Справка', helpHeading: 'Команды', typed: 'справка' },
] as const;

describe('POST /api/messages (real server, Bot Framework protocol, test connector)', () => {
  let bot: HttpBot;
  afterEach(async () => bot?.close(true));

  it.each(LANGUAGES)('$locale: conversationUpdate → welcome; typed command and card submit → help', async ({ locale, title, helpButton, helpHeading, typed }) => {
    bot = await startHttpBot();
    const joined = await bot.post({
      type: 'conversationUpdate',
      locale,
      membersAdded: [{ id: 'user-1', name: 'Test User' }, { id: 'bot-1', name: 'Bot' }],
    });
    expect(joined.status).toBe(200);
    expect(joined.replies).toHaveLength(1);
    const welcome = joined.replies[0];
    expect(welcome?.conversationId).toBe('http-conversation-1');
    expect(welcome?.replyToId).toMatch(/^http-/);
    expect(cardText(welcome)).toContain(title);

    const typedReply = await bot.post({ text: typed, locale });
    expect(cardText(typedReply.replies[0])).toContain(helpHeading);

    const submitted = await bot.post({ value: actionData(welcome, helpButton), locale });
    expect(submitted.status).toBe(200);
    expect(cardText(submitted.replies[0])).toContain(helpHeading);
  });

  it('welcomes in English when the conversationUpdate has no locale', async () => {
    bot = await startHttpBot();
    const { replies } = await bot.post({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Test User' }, { id: 'bot-1', name: 'Bot' }] });
    expect(cardText(replies[0])).toContain('Customer accounts');
  });

  it('remembers the language chosen on a card across a server restart', async () => {
    bot = await startHttpBot();
    const { replies } = await bot.post({ text: 'language', locale: 'en-US' });
    await bot.post({ value: actionData(replies[0], 'Deutsch'), locale: 'en-US' });
    const { dataDir } = bot;
    await bot.close();
    bot = await startHttpBot({ dataDir });
    const after = await bot.post({ text: 'menu', locale: 'en-US' });
    expect(cardText(after.replies[0])).toContain('Kundenkonten');
  });

  it('answers an exception inside a dialog with the localized error card and keeps serving', async () => {
    bot = await startHttpBot({ overrides: { flows: { addCustomer: failingFlow } } });
    const started = await bot.post({ text: 'Kunden hinzufügen', locale: 'de-DE' });
    const failed = await bot.post({ value: actionData(started.replies[0], 'Weiter'), locale: 'de-DE' });
    expect(failed.status).toBe(200);
    expect(cardText(failed.replies[0])).toContain('Ein Fehler ist aufgetreten');
    const next = await bot.post({ text: 'Menü', locale: 'de-DE' });
    expect(cardText(next.replies[0])).toContain('Kundenkonten');
  });

  it('answers a stale card and a malformed payload, in the user\'s language', async () => {
    bot = await startHttpBot();
    const first = await bot.post({ text: 'язык', locale: 'ru-RU' });
    await bot.post({ text: 'язык', locale: 'ru-RU' });
    const stale = await bot.post({ value: actionData(first.replies[0], 'English'), locale: 'ru-RU' });
    expect(cardText(stale.replies[0])).toContain('Эта карточка больше не активна.');
    const forged = await bot.post({ value: { verb: { $gt: '' } }, locale: 'ru-RU' });
    expect(cardText(forged.replies[0])).toContain('Не удалось прочитать действие карточки.');
  });

  it('does not process a retried activity id twice', async () => {
    bot = await startHttpBot();
    await bot.post({ id: 'teams-1', text: 'help', locale: 'en-US' });
    const retry = await bot.post({ id: 'teams-1', text: 'help', locale: 'en-US' });
    expect(retry.status).toBe(200);
    // Both posts share the id, so `replies` of either lists every answer to it: there must be one.
    expect(retry.replies).toHaveLength(1);
  });

  it('serializes turns of one conversation: two simultaneous clicks on one card change the language once', async () => {
    bot = await startHttpBot();
    const { replies } = await bot.post({ text: 'language', locale: 'en-US' });
    const results = await Promise.all([
      bot.post({ value: actionData(replies[0], 'Deutsch'), locale: 'en-US' }),
      bot.post({ value: actionData(replies[0], 'Русский'), locale: 'en-US' }),
    ]);
    const texts = results.map((r) => cardText(r.replies[0]));
    const changed = texts.filter((t) => t.includes('Ab jetzt spreche ich Deutsch') || t.includes('Теперь я буду общаться'));
    expect(changed).toHaveLength(1);
    expect(texts.filter((t) => /no longer active|nicht mehr aktiv|больше не активна/.test(t))).toHaveLength(1);
  });

  it('refuses a body that is not JSON, and keeps serving', async () => {
    bot = await startHttpBot();
    const bad = await fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    const good = await bot.post({ text: 'help', locale: 'en-US' });
    expect(good.status).toBe(200);
    expect(good.replies).toHaveLength(1);
  });

  it('GET /healthz reports status, version and storage kind', async () => {
    bot = await startHttpBot();
    const response = await fetch(`${bot.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    const { version } = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(await response.json()).toEqual({ status: 'ok', version, backend: 'local', store: { kind: 'local', answers: true } });
  });
});
