import type { Activity } from 'botbuilder';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { cardText } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

/** Fields of the wrong type, as a forged or broken client sends them. */
const MISTYPED: Array<[string, Record<string, unknown>]> = [
  ['entities as a string', { entities: 'clientInfo' }],
  ['entities as an object', { entities: { type: 'clientInfo', locale: 'ru-RU' } }],
  ['entities with a string item', { entities: ['x', { type: 'clientInfo', locale: 'de-DE' }] }],
  ['attachments as a string', { attachments: 'file.csv' }],
  ['value as a string', { value: 'customerList.page' }],
  ['channelData as a number', { channelData: 7 }],
  ['locale as an object', { locale: { tag: 'de-DE' } }],
  ['membersAdded as a string', { membersAdded: 'everyone' }],
];

describe('forged activities at /api/messages', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot();
  });
  afterAll(async () => bot.close(true));

  it.each(MISTYPED)('%s: the field is dropped and the user gets an answer', async (_name, fields) => {
    const { status, replies } = await bot.post({ text: 'Menü', locale: 'de-DE', ...fields } as Partial<Activity>);
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map(cardText).join('\n')).toMatch(/Kundenliste|Customer list/);
  });

  it('a text that is no string is dropped too: the bot answers as to an empty message', async () => {
    const { status, replies } = await bot.post({ text: 42, locale: 'de-DE' } as unknown as Partial<Activity>);
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
  });

  it.each([
    ['no content type', undefined, JSON.stringify({ type: 'message', text: 'hi' }), 415],
    ['text/plain', 'text/plain', JSON.stringify({ type: 'message', text: 'hi' }), 415],
    ['a JSON array', 'application/json', '[]', 400],
    ['a JSON string', 'application/json', '"hello"', 400],
    ['broken JSON', 'application/json', '{not json', 400],
  ])('%s: a plain protocol answer (%s), no framework message', async (_name, contentType, body, expected) => {
    const response = await fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
    expect(response.status).toBe(expected);
    expect(await response.text()).not.toMatch(/middleware|req\.body|stack/i);
  });

  it.each([
    ['de-DE', 'Das ist zu lang: Bitte bleiben Sie unter 2.000 Zeichen.', 'Das ist zu lang: Bitte bleiben Sie unter 20.000 Zeichen.'],
    ['en-US', 'That is too long for me: please keep it under 2,000 characters.', 'That is too long for me: please keep it under 20,000 characters.'],
    ['zh-CN', '内容过长：请控制在 2,000 个字符以内。', '内容过长：请控制在 20,000 个字符以内。'],
    ['ru-RU', 'Слишком длинный текст: не более 2\u00a0000 символов.', 'Слишком длинный текст: не более 20\u00a0000 символов.'],
  ])('%s: a 100 KB search and a 900 KB form field are refused as too long at intake, and nothing of them is kept', async (locale, typed, submitted) => {
    const huge = 'Müller'.repeat(17_000);
    const search = await bot.post({ text: `end relationship ${huge}`, locale, conversation: { id: `long-${locale}` } as Activity['conversation'] });
    expect(search.replies.map(cardText).join('\n')).toContain(typed);
    expect(JSON.stringify(search.replies).length).toBeLessThan(20_000);
    await bot.post({ text: 'add customer', locale, conversation: { id: `long-${locale}` } as Activity['conversation'] });
    const form = await bot.post({ value: { verb: 'addCustomer.next', companyName: 'x'.repeat(900_000) }, locale, conversation: { id: `long-${locale}` } as Activity['conversation'] });
    expect(form.replies.map(cardText).join('\n')).toContain(submitted);
    await bot.app.flush();
    const stored = readdirSync(path.join(bot.dataDir, 'conversations')).map((f) => statSync(path.join(bot.dataDir, 'conversations', f)).size);
    expect(Math.max(...stored)).toBeLessThan(50_000);
  });
});
