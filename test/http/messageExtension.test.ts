import type { Activity } from 'botbuilder';
import { cardText } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

const L = {
  'en-US': { microsoftId: 'Microsoft ID', country: 'Germany', relationship: 'Reseller', open: 'Open in chat with the bot', command: 'customer list', notFound: 'is not in your customer list', tooLong: '100' },
  'de-DE': { microsoftId: 'Microsoft-ID', country: 'Deutschland', relationship: 'Vertriebspartner', open: 'Im Chat mit dem Bot öffnen', command: 'Kundenliste', notFound: 'Dieser Kunde ist nicht in Ihrer Kundenliste.', tooLong: '100' },
  'zh-CN': { microsoftId: 'Microsoft ID', country: '德国', relationship: '经销商', open: '在与机器人的聊天中打开', command: '客户列表', notFound: '此客户不在您的客户列表中。', tooLong: '100' },
  'ru-RU': { microsoftId: 'Идентификатор Майкрософт', country: 'Германия', relationship: 'Торговый посредник', open: 'Открыть в чате с ботом', command: 'список клиентов', notFound: 'Этого клиента нет в вашем списке клиентов.', tooLong: '100' },
} as const;
type Locale = keyof typeof L;

interface ExtensionAttachment { content: Record<string, unknown>; preview: { content: { title: string; text: string; tap: { value: { customerId: string } } } } }
interface ExtensionBody { composeExtension: { type: string; text?: string; attachments?: ExtensionAttachment[] } }

describe('the customer search in the compose box (message extension)', () => {
  let bot: HttpBot;
  beforeAll(async () => (bot = await startHttpBot()));
  afterAll(async () => bot.close(true));

  const invoke = async (name: string, value: unknown, locale: Locale = 'en-US', extra: Partial<Activity> = {}) => {
    const { status, body } = await bot.post({ type: 'invoke', name, value, locale, channelId: 'msteams', ...extra });
    expect(status).toBe(200);
    return (body as ExtensionBody).composeExtension;
  };
  const query = (text: string | undefined, options: { skip?: number; count?: number } = {}, locale: Locale = 'en-US', extra: Partial<Activity> = {}) =>
    invoke('composeExtension/query', { commandId: 'searchCustomers', parameters: text === undefined ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'query', value: text }], queryOptions: { skip: 0, count: 10, ...options } }, locale, extra);
  const card = (attachment: ExtensionAttachment | undefined) => cardText({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: attachment?.content }] });
  const titles = (answer: Awaited<ReturnType<typeof query>>) => (answer.attachments ?? []).map((a) => a.preview.content.title);

  it.each(Object.keys(L) as Locale[])('%s: finds customers by prefix or substring, in any script, with a compact read-only card', async (locale) => {
    const t = L[locale];
    const answer = await query('maschinen', {}, locale);
    expect(answer.type).toBe('result');
    expect(titles(answer)).toEqual(['Müller Maschinenbau GmbH']);
    const text = card(answer.attachments![0]);
    for (const expected of ['Müller Maschinenbau GmbH', 'muellermaschinenbau.onmicrosoft.com', t.country, t.relationship, t.open]) expect(text).toContain(expected);
    const link = JSON.stringify(answer.attachments![0]!.content);
    expect(link).toContain('https://teams.microsoft.com/l/chat/0/0?users=28:');
    expect(decodeURIComponent(link)).toContain(`${t.command} muellermaschinenbau.onmicrosoft.com`);
    // The card only shows: no action that would act on the customer from another chat.
    expect(link).not.toContain('Action.Submit');
    expect(link).not.toContain('Action.Execute');
    // What the link types in opens that customer's details in the chat with the bot.
    const opened = await bot.post({ text: `${t.command} muellermaschinenbau.onmicrosoft.com`, locale });
    expect(cardText(opened.replies[0])).toContain(t.microsoftId);
    expect(titles(await query('север', {}, locale))).toEqual(['ООО «Северный ветер»']);
    expect(titles(await query('科技', {}, locale))).toEqual(expect.arrayContaining(['北京星辰科技有限公司', '深圳云帆智能科技有限公司']));
  });

  it('pages with skip and count, starting with the first customers when the box is empty', async () => {
    const first = titles(await query(undefined, { skip: 0, count: 10 }));
    const second = titles(await query('', { skip: 10, count: 10 }));
    const third = titles(await query('', { skip: 20, count: 10 }));
    expect([first.length, second.length, third.length]).toEqual([10, 10, 1]);
    expect(new Set([...first, ...second, ...third]).size).toBe(21);
    // Forged paging is bounded, not obeyed.
    expect(titles(await query('', { skip: -5, count: 1000 }))).toEqual(first);
  });

  it('never returns another partner tenant\'s customers, and will not show one by a forged id', async () => {
    const other = { channelData: { tenant: { id: 'partner-b' } }, conversation: { id: 'conv-b', tenantId: 'partner-b' } as Activity['conversation'] };
    expect(titles(await query('maschinen', {}, 'en-US', other))).toEqual([]);
    expect(titles(await query(undefined, {}, 'en-US', other))).toEqual([]);
    const [mueller] = (await query('maschinen')).attachments!;
    const id = mueller!.preview.content.tap.value.customerId;
    const selected = await invoke('composeExtension/selectItem', { customerId: id });
    expect(card(selected.attachments![0])).toContain('Müller Maschinenbau GmbH');
    const forged = await invoke('composeExtension/selectItem', { customerId: id }, 'de-DE', other);
    expect(forged).toMatchObject({ type: 'message', text: expect.stringContaining(L['de-DE'].notFound) });
  });

  it('answers an over-long or malformed query with a message, not an error', async () => {
    expect(await query('x'.repeat(101), {}, 'ru-RU')).toMatchObject({ type: 'message', text: expect.stringContaining(L['ru-RU'].tooLong) });
    expect(await invoke('composeExtension/query', { commandId: 'somethingElse', parameters: [] })).toMatchObject({ type: 'message' });
    expect(await invoke('composeExtension/query', { commandId: 'searchCustomers', parameters: [{ name: 'query', value: { $gt: '' } }] })).toMatchObject({ type: 'result' });
  });
});
