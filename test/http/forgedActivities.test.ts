import type { Activity } from 'botbuilder';
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
});
