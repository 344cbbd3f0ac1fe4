import type { Activity } from 'botbuilder';
import { actionData, allActions, cardOf, cardText, inputsOf, inputValues } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, PARTNER_USER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { fillerCustomers, seedPartnerCenter, toPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';

/** The user chats in one language and writes to a customer who reads another (literal: what each reads). */
const L = {
  'en-US': { start: 'invite customer', draft: 'Create e-mail', title: 'Request a reseller relationship', emailLanguage: 'zh', subject: '邀请：授权我们成为您的 Microsoft 云解决方案提供商', withDap: '此邀请包括委派管理员权限', withoutDap: '此邀请不包括对贵组织的管理员权限。', steps: '登录 Microsoft 365 管理中心', draftTitle: 'E-mail to the customer (中文（简体）)' },
  'de-DE': { start: 'Kunden einladen', draft: 'E-Mail erstellen', title: 'Vertriebspartnerschaft beantragen', emailLanguage: 'ru', subject: 'Приглашение: назначьте нас вашим поставщиком облачных решений Майкрософт', withDap: 'Приглашение включает права делегированного администрирования', withoutDap: 'Приглашение не включает права администрирования вашей организации.', steps: 'войти в Центр администрирования Microsoft 365', draftTitle: 'E-Mail an den Kunden (Русский)' },
  'zh-CN': { start: '邀请客户', draft: '创建电子邮件', title: '请求建立经销商关系', emailLanguage: 'en', subject: 'Invitation: authorize us as your Microsoft Cloud Solution Provider', withDap: 'The invitation includes delegated administration privileges', withoutDap: 'The invitation does not include administration privileges for your organization.', steps: 'signs in to the Microsoft 365 admin center', draftTitle: '发给客户的电子邮件（English）' },
  'ru-RU': { start: 'пригласить клиента', draft: 'Создать письмо', title: 'Запросить установление взаимоотношений с торговым посредником', emailLanguage: 'de', subject: 'Einladung: Autorisieren Sie uns als Ihren Microsoft Cloud Solution Provider', withDap: 'Die Einladung enthält delegierte Administratorrechte', withoutDap: 'Die Einladung enthält keine Administratorrechte für Ihre Organisation.', steps: 'sich im Microsoft 365 Admin Center anmelden', draftTitle: 'Письмо клиенту (Deutsch)' },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];

describe('request a reseller relationship (invite an existing customer) over HTTP', () => {
  let bot: HttpBot;
  afterEach(async () => bot.close(true));

  it.each(LOCALES)('%s: the e-mail is written in the language the customer reads, with the invitation link, with and without delegated admin privileges', async (locale) => {
    bot = await startHttpBot();
    const S = L[locale];
    const options = (await bot.post({ text: S.start, locale })).replies[0];
    expect(cardText(options)).toContain(S.title);
    expect(inputValues(options)).toMatchObject({ delegatedAdmin: 'true', emailLanguage: locale.slice(0, 2) });
    for (const [delegatedAdmin, wording] of [['true', S.withDap], ['false', S.withoutDap]] as const) {
      const card = delegatedAdmin === 'true' ? options : (await bot.post({ text: S.start, locale })).replies[0];
      const draft = (await bot.post({ value: { ...actionData(card, S.draft), delegatedAdmin, emailLanguage: S.emailLanguage }, locale })).replies[0];
      // The card speaks the user's language; the e-mail, the customer's.
      expect(cardText(draft)).toContain(S.draftTitle);
      const { subject, body } = inputValues(draft);
      expect(subject).toBe(S.subject);
      expect(body).toContain(wording);
      expect(body).toContain(S.steps);
      const link = body!.match(/https:\/\/admin\.microsoft\.com\/\S+/)![0];
      expect(link).toMatch(new RegExp(`^https://admin\\.microsoft\\.com/Adminportal/Home\\?invType=ResellerRelationship&partnerId=[0-9a-f-]{36}&msppId=0&DAP=${delegatedAdmin}#/BillingAccounts/partner-invitation$`));
      expect(cardText(draft)).toContain(link);
      const mailto = allActions(cardOf(draft)).find((a) => a.type === 'Action.OpenUrl')!.url!;
      expect(mailto).toBe(`mailto:?subject=${encodeURIComponent(subject!)}&body=${encodeURIComponent(body!)}`);
    }
  });

  it('in the US Government cloud the privileges cannot be turned off: no switch, and a forged "false" still asks for them', async () => {
    bot = await startHttpBot({ env: { PARTNER_CLOUD: 'usgov' } });
    const options = (await bot.post({ text: 'invite customer', locale: 'en-US' })).replies[0];
    expect(inputsOf(cardOf(options)).map((i) => i.id)).not.toContain('delegatedAdmin');
    expect(cardText(options)).toContain('In this cloud the invitation always includes delegated administration privileges.');
    const draft = (await bot.post({ value: { ...actionData(options, 'Create e-mail'), delegatedAdmin: 'false', emailLanguage: 'en' }, locale: 'en-US' })).replies[0];
    expect(inputValues(draft).body).toContain('DAP=true');
  });

  it('the same link serves every customer, and the user is told what happens next', async () => {
    bot = await startHttpBot();
    const links: string[] = [];
    for (let i = 0; i < 2; i++) {
      const options = (await bot.post({ text: 'invite customer', locale: 'en-US' })).replies[0];
      const draft = (await bot.post({ value: { ...actionData(options, 'Create e-mail'), delegatedAdmin: 'true', emailLanguage: 'en' }, locale: 'en-US' })).replies[0];
      links.push(inputValues(draft).body!.match(/https:\/\/\S+/)![0]);
      if (i === 1) expect(cardText((await bot.post({ value: actionData(draft, 'Done'), locale: 'en-US' })).replies[0])).toContain("Once the customer's Global admin accepts, the customer appears in your customer list.");
    }
    expect(links[0]).toBe(links[1]);
  });

  describe('on Partner Center', () => {
    let server: PartnerCenterServer;
    const userA = PARTNER_USER;
    beforeEach(async () => {
      server = await new PartnerCenterServer().start();
      seedPartnerCenter(server, PARTNER, 0);
      server.tokens.signIn('user-a', PARTNER);
      bot = await startHttpBot({ env: partnerCenterEnv(server), overrides: { partnerCenterRefreshMs: 0 } });
    });
    afterEach(async () => {
      expect(server.violations).toEqual([]);
      await server.stop();
    });

    it('the link is Partner Center\'s own (GET customers/relationshiprequests, as the user), with delegated admin privileges as chosen', async () => {
      const options = (await bot.post({ ...userA, text: 'Kunden einladen', locale: 'de-DE' })).replies[0];
      const draft = (await bot.post({ ...userA, value: { ...actionData(options, 'E-Mail erstellen'), delegatedAdmin: 'true', emailLanguage: 'de' }, locale: 'de-DE' })).replies[0];
      const call = server.apiCalls('GET').find((c) => c.path === '/v1/customers/relationshiprequests')!;
      expect(call.headers.authorization).toMatch(/^Bearer /);
      expect(inputValues(draft).body).toContain(`partnerId=${PARTNER}&msppId=0&DAP=true#/BillingAccounts/partner-invitation`);
    });

    it('a customer who accepted shows up in the list, and the channel feed says so (once)', async () => {
      const waitFor = async (check: () => boolean) => {
        for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
        expect(check()).toBe(true);
      };
      const channel = { ...userA, conversation: { id: 'team-channel', isGroup: true, conversationType: 'channel' } as Activity['conversation'] };
      await bot.post({ ...channel, text: 'Benachrichtigungen ein', locale: 'de-DE' });
      const syncs = () => server.apiCalls('GET').filter((c) => c.path === '/v1/customers' && c.query.get('size') === '500').length;
      await bot.post({ ...userA, text: 'Kundenliste', locale: 'de-DE' });
      await waitFor(() => syncs() >= 1);
      // The customer's Global admin accepts: Partner Center now lists it; the bot did not make it.
      const accepted = toPartnerCenter(fillerCustomers(1)[0]!);
      server.customersOf(PARTNER).push(accepted);
      const before = syncs();
      // A read still under way (a busy machine) starts no second one: ask again until the list is read anew.
      for (let i = 0; i < 200 && syncs() <= before; i++) {
        await bot.post({ ...userA, text: 'Kundenliste', locale: 'de-DE' });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await waitFor(() => syncs() > before);
      const feed = () => bot.connector.received.filter((a) => a.conversationId === 'team-channel' && cardText(a).includes('hat Ihre Einladung angenommen'));
      await waitFor(() => feed().length === 1);
      expect(cardText(feed()[0])).toContain(`${accepted.companyProfile!.companyName} hat Ihre Einladung angenommen`);
      const list = (await bot.post({ ...userA, text: `Kundenliste ${accepted.companyProfile!.companyName}`, locale: 'de-DE' })).replies[0];
      expect(cardText(list)).toContain(accepted.companyProfile!.companyName!);
      // Read again: nothing new, nothing said again.
      await waitFor(() => syncs() > before + 1);
      expect(feed()).toHaveLength(1);
    });
  });
});
