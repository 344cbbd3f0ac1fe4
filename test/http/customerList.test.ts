import type { Activity } from 'botbuilder';
import { actionData, allActions, cardOf, cardText } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

const TEAMS_PARTNER = {
  channelId: 'msteams',
  channelData: { tenant: { id: 'partner-b' } },
  conversation: { id: 'teams-conversation', tenantId: 'partner-b' } as Activity['conversation'],
};

/** The download URL on an export card, pointed at the test server (PUBLIC_BASE_URL would name the public host). */
function downloadUrl(bot: HttpBot, card: Parameters<typeof cardOf>[0]): string {
  const url = new URL(allActions(cardOf(card)).find((a) => a.type === 'Action.OpenUrl')!.url!);
  return `${bot.baseUrl}${url.pathname}`;
}

function customerIds(card: Parameters<typeof cardOf>[0]): string[] {
  return allActions(cardOf(card))
    .filter((a) => a.data?.verb === 'customerList.details')
    .map((a) => String(a.data!.customerId));
}

describe('customer list over HTTP', () => {
  let bot: HttpBot;
  let clock: number;
  afterEach(async () => bot?.close(true));
  beforeEach(async () => {
    clock = Date.parse('2026-11-21T12:00:00Z');
    bot = await startHttpBot({ overrides: { linkClock: () => clock }, env: { PUBLIC_BASE_URL: 'https://bot.example.com/' } });
  });

  it('Emulator: paging sends a new card; Teams: paging replaces the card in place', async () => {
    const emulator = await bot.post({ text: 'customer list', locale: 'en-US' });
    const paged = await bot.post({ value: actionData(emulator.replies[0], 'Next ›'), locale: 'en-US', replyToId: emulator.replies[0]!.id });
    expect(paged.replies.map((r) => r.operation)).toEqual(['send']);
    expect(cardText(paged.replies[0])).toContain('Page 2 of 3');

    const teams = await bot.post({ ...TEAMS_PARTNER, text: 'customer list', locale: 'en-US' });
    expect(cardText(teams.replies[0])).toContain('No customers yet');
    const before = bot.connector.received.length;
    // What the list card's own buttons send (inPlace): the list replaces that card.
    await bot.post({ ...TEAMS_PARTNER, value: { verb: 'customerList.page', inPlace: true, page: 1, search: '', relationship: 'ended' }, locale: 'en-US', replyToId: 'card-message-7' });
    const [update] = bot.connector.received.slice(before);
    expect(update).toMatchObject({ operation: 'update', id: 'card-message-7', conversationId: 'teams-conversation' });
    expect(cardText(update)).toContain('No reseller relationship has ended yet.');
    // The same action from another card (a summary, the details) leaves that card alone.
    const fromOther = await bot.post({ ...TEAMS_PARTNER, value: { verb: 'customerList.page', page: 1, search: '', relationship: 'ended' }, locale: 'en-US', replyToId: 'summary-message-8' });
    expect(fromOther.replies.map((r) => r.operation)).toEqual(['send']);
  });

  it('exports the current search as a CSV: exact bytes, BOM, localized header', async () => {
    const list = await bot.post({ text: 'Kundenliste gmbh', locale: 'de-DE' });
    const ids = customerIds(list.replies[0]);
    const exported = await bot.post({ value: actionData(list.replies[0], 'Kunden exportieren'), locale: 'de-DE' });
    const card = exported.replies[0];
    expect(cardText(card)).toContain('Ihr Export mit 4 Kunden ist bereit.');
    expect(cardText(card)).toContain('Der Link gilt bis 12:15 UTC');
    expect(allActions(cardOf(card)).find((a) => a.type === 'Action.OpenUrl')!.url).toMatch(/^https:\/\/bot\.example\.com\/exports\/customers\/[\w-]+\.[\w-]+$/);

    const response = await fetch(downloadUrl(bot, card));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="customers-active.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    const expected =
      '\uFEFFMicrosoft-ID,Firmenname,Primärer Domänenname,Beziehung\r\n' +
      `${ids[0]},Grünwald Holzbau GmbH,gruenwaldholzbau.onmicrosoft.com,Vertriebspartner\r\n` +
      `${ids[1]},Müller Maschinenbau GmbH,muellermaschinenbau.onmicrosoft.com,Vertriebspartner\r\n` +
      `${ids[2]},Öko-Energie Schwarzwald GmbH,oekoenergieschwarzwald.onmicrosoft.com,Vertriebspartner\r\n` +
      `${ids[3]},Übersee Handelskontor GmbH,ueberseehandelskontor.onmicrosoft.com,Vertriebspartner\r\n`;
    expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it.each([
    ['zh-CN', '客户列表', 'Microsoft ID,公司名称,主域名,关系', '北京星辰科技有限公司,xingchentech.onmicrosoft.com,经销商'],
    ['ru-RU', 'список клиентов', 'Идентификатор Майкрософт,Название компании,Имя основного домена,Отношения', 'ООО «Северный ветер»,severnyveter.onmicrosoft.com,Торговый посредник'],
  ] as const)('%s: the whole list exports with Chinese and Cyrillic intact', async (locale, command, header, row) => {
    const list = await bot.post({ text: command, locale });
    const exported = await bot.post({ value: { verb: 'customerList.export', relationship: 'active', search: '' }, locale });
    expect(list.replies).toHaveLength(1);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await fetch(downloadUrl(bot, exported.replies[0]))).arrayBuffer());
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('\uFEFF' + header);
    expect(lines).toHaveLength(1 + 21 + 1);
    expect(lines.filter((line) => line.endsWith(`,${row}`))).toHaveLength(1);
  });

  it('refuses an expired link, in the language of the export', async () => {
    const exported = await bot.post({ value: { verb: 'customerList.export', relationship: 'active', search: '' }, locale: 'ru-RU' });
    const url = downloadUrl(bot, exported.replies[0]);
    clock += 15 * 60_000;
    const response = await fetch(url);
    expect(response.status).toBe(410);
    expect(await response.text()).toBe('Срок действия этой ссылки на экспорт истек. Экспортируйте клиентов в чате еще раз.');
  });

  it('refuses a link altered to reach another tenant, and garbage, in the browser\'s language', async () => {
    const exported = await bot.post({ ...TEAMS_PARTNER, value: { verb: 'customerList.export', relationship: 'active', search: '' }, locale: 'en-US' });
    const url = downloadUrl(bot, exported.replies[0]);
    const [base, token] = [url.slice(0, url.lastIndexOf('/') + 1), url.slice(url.lastIndexOf('/') + 1)];
    const [payload, mac] = token.split('.');
    const grant = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...grant, tenant: 'local-sandbox' })).toString('base64url');
    const altered = await fetch(`${base}${forged}.${mac}`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(altered.status).toBe(403);
    expect(await altered.text()).toBe('Dieser Export-Link ist ungültig.');
    const garbage = await fetch(`${base}not-a-token`, { headers: { 'accept-language': 'zh-CN' } });
    expect(garbage.status).toBe(403);
    expect(await garbage.text()).toBe('此导出链接无效。');
  });

  it('a link serves only the tenant it was made for', async () => {
    const exported = await bot.post({ ...TEAMS_PARTNER, value: { verb: 'customerList.export', relationship: 'active', search: '' }, locale: 'en-US' });
    const csv = Buffer.from(await (await fetch(downloadUrl(bot, exported.replies[0]))).arrayBuffer());
    expect(csv.equals(Buffer.from('\uFEFFMicrosoft ID,Company name,Primary domain name,Relationship\r\n', 'utf8'))).toBe(true);
  });
});
