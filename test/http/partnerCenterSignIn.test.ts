import type { Activity } from 'botbuilder';
import { cardText } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';
import { oauthCardOf, PARTNER, partnerCenterEnv } from '../support/partnerCenterBot.js';

/** What each language says (literal: what users read). */
const L = {
  'en-US': { list: 'customer list', signIn: 'Sign in', text: 'Sign in to Partner Center with your work account', title: 'Customer list', signedOut: "You're signed out of Partner Center", personal: 'sign in first in your personal chat with the bot: type “sign in” there', signOut: 'sign out' },
  'de-DE': { list: 'Kundenliste', signIn: 'Anmelden', text: 'Melden Sie sich mit Ihrem Geschäftskonto bei Partner Center an', title: 'Kundenliste', signedOut: 'Sie sind von Partner Center abgemeldet', personal: 'melden Sie sich zuerst im persönlichen Chat mit dem Bot an: Geben Sie dort „anmelden“ ein', signOut: 'abmelden' },
  'zh-CN': { list: '客户列表', signIn: '登录', text: '请使用工作帐户登录合作伙伴中心', title: '客户列表', signedOut: '您已从合作伙伴中心注销', personal: '请先在与机器人的个人聊天中登录：在那里输入“登录”', signOut: '注销' },
  'ru-RU': { list: 'список клиентов', signIn: 'Войти', text: 'Войдите в Центр партнеров с рабочей учётной записью', title: 'Список клиентов', signedOut: 'Вы вышли из Центра партнеров', personal: 'сначала войдите в личном чате с ботом: введите там «войти»', signOut: 'выйти' },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];

describe('signing in to Partner Center (CUSTOMER_BACKEND=partnercenter)', () => {
  let server: PartnerCenterServer;
  let bot: HttpBot;
  const teams = (extra: Partial<Activity> = {}): Partial<Activity> => ({ channelId: 'msteams', channelData: { tenant: { id: PARTNER } }, conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: PARTNER } as Activity['conversation'], from: { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Schmidt' }, ...extra });
  beforeEach(async () => {
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, 30);
    bot = await startHttpBot({ env: partnerCenterEnv(server) });
  });
  afterEach(async () => {
    await bot.close(true);
    await server.stop();
  });

  it.each(LOCALES)('%s: without a token the user gets a sign-in card in their language; after sign-in the request they made goes on', async (locale) => {
    const S = L[locale];
    const first = await bot.post({ text: S.list, locale });
    const card = oauthCardOf(first.replies[0]);
    expect(card).toMatchObject({ connectionName: 'PartnerCenter', buttons: [{ type: 'signin', title: S.signIn, value: expect.stringContaining('https://token.botframework.test/signin') }] });
    expect(card!.text).toContain(S.text);
    // Nothing reached Partner Center without a token.
    expect(server.apiCalls()).toEqual([]);

    // The user signs in in the browser; the Emulator (Web Chat) then gets the magic code typed in.
    const code = server.tokens.startSignIn('user-1', PARTNER);
    const after = await bot.post({ text: code, locale });
    expect(cardText(after.replies[0])).toContain(S.title);
    expect(cardText(after.replies[0])).toContain('Müller Maschinenbau GmbH');
    const call = server.apiCalls('GET')[0]!;
    expect(call.headers.authorization).toBe(`Bearer ${server.tokens.tokenOf('user-1')}`);
    expect(call.headers['x-locale']).toBe(locale === 'zh-CN' ? 'zh-CN' : locale);
    expect(call.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.headers['ms-correlationid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a wrong code is refused in the user\'s language and the request keeps waiting for the right one', async () => {
    await bot.post({ text: 'Kundenliste', locale: 'de-DE' });
    const wrong = await bot.post({ text: '000000', locale: 'de-DE' });
    expect(wrong.replies[0]!.text).toBe('Die Anmeldung hat nicht funktioniert. Versuchen Sie es erneut über die Anmeldekarte.');
    const code = server.tokens.startSignIn('user-1', PARTNER);
    expect(cardText((await bot.post({ text: code, locale: 'de-DE' })).replies[0])).toContain('Kunden');
  });

  it('Teams: an Action.Execute without a token answers 401 loginRequest; Teams sends it again with the code and gets the card', async () => {
    const action = { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'customerList.page', data: { relationship: 'active', search: '', inPlace: true } } } };
    const refused = await bot.post(teams({ ...action, locale: 'ru-RU' } as Partial<Activity>));
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ statusCode: 401, type: 'application/vnd.microsoft.activity.loginRequest', value: { connectionName: 'PartnerCenter', buttons: [{ type: 'signin', title: 'Войти' }] } });
    const code = server.tokens.startSignIn('29:anna', PARTNER);
    const answered = await bot.post(teams({ ...action, value: { ...action.value, state: code }, locale: 'ru-RU' } as Partial<Activity>));
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(answered.body)).toContain('Список клиентов');
  });

  it('Teams SSO: a signin/tokenExchange is exchanged and the waiting request goes on; one that cannot be exchanged answers 412 so Teams shows the card', async () => {
    await bot.post(teams({ text: 'customer list', locale: 'en-US' }));
    const failed = await bot.post(teams({ type: 'invoke', name: 'signin/tokenExchange', value: { id: 'x-1', connectionName: 'PartnerCenter', token: 'not-exchangeable' } } as Partial<Activity>));
    expect(failed.status).toBe(412);
    const before = bot.connector.received.length;
    const exchanged = await bot.post(teams({ type: 'invoke', name: 'signin/tokenExchange', value: { id: 'x-2', connectionName: 'PartnerCenter', token: server.tokens.ssoToken('29:anna', PARTNER) }, locale: 'en-US' } as Partial<Activity>));
    expect(exchanged.status).toBe(200);
    expect(bot.connector.received.slice(before).map((r) => cardText(r)).join('\n')).toContain('Müller Maschinenbau GmbH');
  });

  it('an expired or revoked token leads back to the sign-in card, not to an error', async () => {
    const token = server.tokens.signIn('user-1', PARTNER);
    expect(cardText((await bot.post({ text: 'customer list', locale: 'en-US' })).replies[0])).toContain('Customer list');
    server.tokens.revoke(token);
    // Details are read live: Partner Center refuses the token.
    const again = await bot.post({ value: { verb: 'customerList.details', customerId: server.customersOf(PARTNER)[0]!.id }, locale: 'en-US' });
    expect(oauthCardOf(again.replies[0])?.text).toContain('Sign in to Partner Center');
    expect(JSON.stringify(again.replies)).not.toContain('Something went wrong');
    expect(server.calls.some((c) => c.method === 'DELETE' && c.path === '/api/usertoken/SignOut')).toBe(true);
    // Signed in again, the details come.
    const code = server.tokens.startSignIn('user-1', PARTNER);
    expect(cardText((await bot.post({ text: code, locale: 'en-US' })).replies[0])).toContain('muellermaschinenbau.onmicrosoft.com');
  });

  it('another user of the same partner who has not signed in gets no list from the bot\'s copy: they sign in first', async () => {
    server.tokens.signIn('user-1', PARTNER);
    expect(cardText((await bot.post({ text: 'customer list', locale: 'en-US' })).replies[0])).toContain('Müller Maschinenbau GmbH');
    await bot.app.flush();
    const other = await bot.post({ text: 'customer list', locale: 'en-US', from: { id: 'user-2', name: 'Boris' } });
    expect(oauthCardOf(other.replies[0])).toBeDefined();
    expect(JSON.stringify(other.replies)).not.toContain('Müller');
  });

  it.each(LOCALES)('%s: "sign out" signs out; the next request asks to sign in again', async (locale) => {
    server.tokens.signIn('user-1', PARTNER);
    const out = await bot.post({ text: L[locale].signOut, locale });
    expect(cardText(out.replies[0])).toContain(L[locale].signedOut);
    expect(server.tokens.tokenOf('user-1')).toBeUndefined();
    expect(oauthCardOf((await bot.post({ text: L[locale].list, locale })).replies[0])).toBeDefined();
  });

  it.each(LOCALES)('%s: in a group chat no sign-in link is posted: the user is sent to their personal chat', async (locale) => {
    const shared = teams({ conversation: { id: '19:group-1@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: PARTNER } as Activity['conversation'] });
    const { replies } = await bot.post({ ...shared, text: L[locale].list, locale });
    expect(replies.map((r) => r.text).join('\n')).toContain(L[locale].personal);
    expect(replies.some((r) => oauthCardOf(r))).toBe(false);
  });

  it('the compose-box search: without a sign-in it offers the sign-in link; with the code Teams sends back, it finds customers by prefix from Partner Center while the copy loads, and a refusal of a chosen one is one line', async () => {
    const search = async (text: string, locale = 'de-DE', state?: string) =>
      (await bot.post(teams({ type: 'invoke', name: 'composeExtension/query', value: { commandId: 'searchCustomers', parameters: [{ name: 'query', value: text }], queryOptions: { skip: 0, count: 10 }, ...(state ? { state } : {}) }, locale } as Partial<Activity>))).body as {
        composeExtension: { type: string; text?: string; attachments?: Array<{ preview: { content: { title: string } } }> };
      };
    expect((await search('müller')).composeExtension).toEqual({ type: 'auth', suggestedActions: { actions: [{ type: 'openUrl', title: 'Anmelden', value: expect.stringContaining('https://token.botframework.test/signin') }] } });
    const code = server.tokens.startSignIn('29:anna', PARTNER);
    const found = (await search('müller', 'de-DE', code)).composeExtension;
    expect(found.type).toBe('result');
    expect(found.attachments!.map((a) => a.preview.content.title)).toEqual(['Müller Maschinenbau GmbH']);
    const filters = () => server.apiCalls('GET').flatMap((c) => (c.query.get('filter') ? [JSON.parse(c.query.get('filter')!) as { Field: string; Value: string }] : []));
    expect(filters()).toContainEqual({ Field: 'CompanyName', Value: 'müller', Operator: 'starts_with' });
    // Choosing a result reads the customer live: Partner Center refuses it for the user's role.
    server.faults.push({ method: 'GET', status: 403, body: { code: 900308, description: 'Insufficient privileges.' } });
    const id = server.customersOf(PARTNER)[0]!.id;
    const chosen = await bot.post(teams({ type: 'invoke', name: 'composeExtension/selectItem', value: { customerId: id }, locale: 'ru-RU' } as Partial<Activity>));
    expect((chosen.body as { composeExtension: unknown }).composeExtension).toMatchObject({ type: 'message', text: expect.stringContaining('Ваша роль в Центре партнеров не разрешает') });
  });
});
