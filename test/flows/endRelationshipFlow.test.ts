import { jest } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { AuditLog } from '../../src/audit/auditLog.js';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import { actionData, allActions, cardOf, cardText } from '../support/cards.js';
import { startTestBot, type TestBot } from '../support/runtime.js';

/** What each language types and reads (literal: this is what users see). */
const L = {
  'en-US': {
    start: 'end the relationship with', plainStart: 'end relationship', cancelWord: 'cancel', continue: 'Continue', confirm: 'Remove reseller relationship', cancel: 'Cancel', search: 'Search',
    blockedMueller: 'The relationship with Müller Maschinenbau GmbH cannot be removed yet',
    blockedActions: ['Cancel this Azure reserved instance', 'Cancel this software purchase.', 'Cancel this new-commerce subscription', "Cancel the Azure plan's subscriptions, then suspend the Azure plan."],
    suspend: 'Suspend this subscription',
    check: 'Remove the reseller relationship with Cerámica Levante S.L.?', gdap: 'GDAP relationships', confirmTitle: 'Confirm removal',
    mismatch: 'That is not ceramicalevante.onmicrosoft.com. Nothing was changed.', done: 'The reseller relationship with Cerámica Levante S.L. (ceramicalevante.onmicrosoft.com) was removed on November 21, 2026.',
    ended: 'The reseller relationship with Schäfer & Söhne Logistik KG has already ended', refused: 'Removing a reseller relationship needs one of these roles: Admin agent or Global admin.', cancelled: 'Nothing was changed.',
    several: 'Several customers match “gmbh”. Choose one:', noteRequired: 'Please add a note when the reason is “Other”.',
  },
  'de-DE': {
    start: 'Beziehung beenden', plainStart: 'Beziehung beenden', cancelWord: 'Abbrechen', continue: 'Weiter', confirm: 'Vertriebspartnerbeziehung entfernen', cancel: 'Abbrechen', search: 'Suchen',
    blockedMueller: 'Die Beziehung mit Müller Maschinenbau GmbH kann noch nicht entfernt werden',
    blockedActions: ['Kündigen Sie diese Azure-Reservierung', 'Stornieren Sie diesen Softwarekauf.', 'Kündigen Sie dieses Abonnement (neuer Commerce)', 'Kündigen Sie die Abonnements des Azure-Plans'],
    suspend: 'Halten Sie dieses Abonnement an',
    check: 'Vertriebspartnerbeziehung mit Cerámica Levante S.L. entfernen?', gdap: 'GDAP-Beziehungen', confirmTitle: 'Entfernen bestätigen',
    mismatch: 'Das ist nicht ceramicalevante.onmicrosoft.com. Es wurde nichts geändert.', done: 'Die Vertriebspartnerbeziehung mit Cerámica Levante S.L. (ceramicalevante.onmicrosoft.com) wurde am 21. November 2026 entfernt.',
    ended: 'Die Vertriebspartnerbeziehung mit Schäfer & Söhne Logistik KG wurde bereits beendet', refused: 'Zum Entfernen einer Vertriebspartnerbeziehung ist eine dieser Rollen erforderlich: Administrator-Agent oder Globaler Administrator.', cancelled: 'Es wurde nichts geändert.',
    several: 'Mehrere Kunden entsprechen „gmbh“. Wählen Sie einen aus:', noteRequired: 'Bitte fügen Sie eine Notiz hinzu, wenn der Grund „Sonstiges“ ist.',
  },
  'zh-CN': {
    start: '删除经销商关系', plainStart: '删除经销商关系', cancelWord: '取消', continue: '继续', confirm: '删除经销商关系', cancel: '取消', search: '搜索',
    blockedMueller: '暂时无法删除与 Müller Maschinenbau GmbH 的关系',
    blockedActions: ['取消此 Azure 预留实例', '取消此软件购买。', '取消此新商务订阅', '取消 Azure 计划中的订阅'],
    suspend: '挂起此订阅',
    check: '删除与 Cerámica Levante S.L. 的经销商关系？', gdap: 'GDAP 关系', confirmTitle: '确认删除',
    mismatch: '这不是 ceramicalevante.onmicrosoft.com。未做任何更改。', done: '已于 2026年11月21日 删除与 Cerámica Levante S.L.（ceramicalevante.onmicrosoft.com）的经销商关系。',
    ended: '与 Schäfer & Söhne Logistik KG 的经销商关系已于', refused: '删除经销商关系需要以下角色之一：管理员代理或全局管理员。', cancelled: '未做任何更改。',
    several: '有多个客户与“gmbh”匹配。请选择一个：', noteRequired: '原因为“其他”时，请添加备注。',
  },
  'ru-RU': {
    start: 'удалить связь', plainStart: 'удалить связь', cancelWord: 'отмена', continue: 'Продолжить', confirm: 'Прекратить отношения', cancel: 'Отмена', search: 'Найти',
    blockedMueller: 'Отношения с клиентом «Müller Maschinenbau GmbH» пока нельзя прекратить',
    blockedActions: ['Отмените этот зарезервированный экземпляр Azure', 'Отмените эту покупку программного обеспечения.', 'Отмените эту подписку новой коммерции', 'Отмените подписки плана Azure'],
    suspend: 'Приостановите эту подписку',
    check: 'Прекратить отношения с торговым посредником для клиента «Cerámica Levante S.L.»?', gdap: 'Отношения GDAP', confirmTitle: 'Подтверждение удаления',
    mismatch: 'Это не ceramicalevante.onmicrosoft.com. Ничего не изменено.', done: 'Отношения с торговым посредником для клиента «Cerámica Levante S.L.» (ceramicalevante.onmicrosoft.com) прекращены 21\u00a0ноября 2026\u00a0г.',
    ended: 'Отношения с торговым посредником для клиента «Schäfer & Söhne Logistik KG» уже завершены', refused: 'Чтобы прекратить отношения с торговым посредником, нужна одна из ролей: Агент по администрированию или Глобальный администратор.', cancelled: 'Ничего не изменено.',
    several: 'Запросу «gmbh» соответствуют несколько клиентов. Выберите одного:', noteRequired: 'Добавьте примечание, если выбрана причина «Другое».',
  },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];
const NOW = new Date('2026-11-21T10:00:00Z');

describe('remove reseller relationship', () => {
  let bot: TestBot;
  let directory: LowdbCustomerDirectory;
  let audit: AuditLog;
  const start = async (env: Record<string, string> = {}) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cab-end-'));
    directory = new LowdbCustomerDirectory({ dataDir });
    audit = new AuditLog(dataDir);
    bot = await startTestBot({ dataDir, env, overrides: { store: directory, now: () => NOW } });
  };
  afterEach(async () => bot.close(true));

  const active = async () => (await directory.query('local-sandbox', { relationship: 'active', locale: 'en-US' })).total;

  describe.each(LOCALES)('%s', (locale) => {
    const S = L[locale];

    it('lists every kind of blocker with what to do, and changes nothing', async () => {
      await start();
      const [mueller] = await bot.send({ text: `${S.start} Müller`, locale });
      expect(cardText(mueller)).toContain(S.blockedMueller);
      for (const action of S.blockedActions) expect(cardText(mueller)).toContain(action);
      const [oeko] = await bot.send({ text: `${S.start} Öko-Energie`, locale });
      expect(cardText(oeko)).toContain(S.suspend);
      expect(await active()).toBe(21);
      expect(await audit.entries('local-sandbox')).toEqual([]);
    });

    it('removes a clean customer after a reason and the typed domain; a wrong domain is refused first', async () => {
      await start();
      const [check] = await bot.send({ text: `${S.start} Cerámica`, locale });
      expect(cardText(check)).toContain(S.check);
      expect(cardText(check)).toContain(S.gdap);
      const [confirm] = await bot.send({ value: { reason: 'customerRequest', note: '', ...actionData(check, S.continue) }, locale });
      expect(cardText(confirm)).toContain(S.confirmTitle);
      const [wrong] = await bot.send({ value: { confirmDomain: 'ceramica.onmicrosoft.com', ...actionData(confirm, S.confirm) }, locale });
      expect(cardText(wrong)).toContain(S.mismatch);
      expect(await active()).toBe(21);
      const [done] = await bot.send({ value: { confirmDomain: ' CeramicaLevante.onmicrosoft.com ', ...actionData(wrong, S.confirm) }, locale });
      expect(cardText(done)).toContain(S.done);
      expect(await active()).toBe(20);
      const customer = (await directory.query('local-sandbox', { relationship: 'ended', search: 'cerámica', locale: 'en-US' })).items;
      expect(customer.map((c) => c.relationshipToPartner)).toEqual(['none']);
      expect(await audit.entries('local-sandbox')).toEqual([
        { requestId: expect.any(String), at: NOW.toISOString(), actor: 'user-1', action: 'endRelationship', customerId: customer[0]!.id, companyName: 'Cerámica Levante S.L.', reason: 'customerRequest' },
      ]);
    });

    it('says so when the relationship has already ended', async () => {
      await start();
      const [reply] = await bot.send({ text: `${S.start} Schäfer`, locale });
      expect(cardText(reply)).toContain(S.ended);
    });

    it('refuses a user without an allowed role, before anything else', async () => {
      await start({ SANDBOX_ROLES: 'salesAgent,helpdeskAgent' });
      const [reply] = await bot.send({ text: `${S.start} Cerámica`, locale });
      expect(cardText(reply)).toContain(S.refused);
      expect(await active()).toBe(21);
    });

    it.each(['pick', 'reason', 'confirm'] as const)('cancel at the %s step (button, then typed) changes nothing', async (at) => {
      await start();
      const cards: Record<string, Partial<Activity> | undefined> = {};
      [cards.pick] = await bot.send({ text: S.plainStart, locale });
      if (at !== 'pick') [cards.reason] = await bot.send({ value: { searchTerm: 'Cerámica', ...actionData(cards.pick, S.search) }, locale });
      if (at === 'confirm') [cards.confirm] = await bot.send({ value: { reason: 'duplicateOrTest', ...actionData(cards.reason, S.continue) }, locale });
      const [cancelled] = await bot.send({ value: actionData(cards[at], S.cancel), locale });
      expect(cardText(cancelled)).toContain(S.cancelled);
      // Typed cancel on a fresh run of the same step.
      await bot.send({ text: `${S.start} Cerámica`, locale });
      const [typed] = await bot.send({ text: S.cancelWord, locale });
      expect(cardText(typed)).toMatch(/Cancelled|Abgebrochen|已取消|Отменено/);
      expect(await active()).toBe(21);
      expect(await audit.entries('local-sandbox')).toEqual([]);
    });
  });

  it('several matches offer a choice; a forged choice outside the list goes nowhere', async () => {
    await start();
    const [pick] = await bot.send({ text: 'end relationship', locale: 'de-DE' });
    const [several] = await bot.send({ value: { searchTerm: 'gmbh', ...actionData(pick, 'Suchen') }, locale: 'de-DE' });
    expect(cardText(several)).toContain(L['de-DE'].several);
    const choices = allActions(cardOf(several)).filter((a) => a.data?.verb === 'endRelationship.choose');
    expect(choices.map((c) => c.title)).toEqual(['Grünwald Holzbau GmbH', 'Müller Maschinenbau GmbH', 'Öko-Energie Schwarzwald GmbH', 'Übersee Handelskontor GmbH']);
    const cleanId = (await directory.query('local-sandbox', { relationship: 'active', search: 'cerámica', locale: 'en-US' })).items[0]!.id;
    const forged = await bot.send({ value: { ...choices[0]!.data, customerId: cleanId }, locale: 'de-DE' });
    expect(cardText(forged[0])).toContain('Diese Kartenaktion konnte ich nicht lesen.');
    // The choice comes back on a fresh card; the old one is stale now.
    const fresh = allActions(cardOf(forged[1])).filter((a) => a.data?.verb === 'endRelationship.choose');
    expect(cardText((await bot.send({ value: choices[1]!.data, locale: 'de-DE' }))[0])).toContain('Diese Karte ist nicht mehr aktiv.');
    const [blocked] = await bot.send({ value: fresh[1]!.data, locale: 'de-DE' });
    expect(cardText(blocked)).toContain(L['de-DE'].blockedMueller);
  });

  it('starts from the customer\'s details card', async () => {
    await start();
    const id = (await directory.query('local-sandbox', { relationship: 'active', search: 'van der berg', locale: 'en-US' })).items[0]!.id;
    const [details] = await bot.send({ value: { verb: 'customerList.details', customerId: id }, locale: 'en-US' });
    const [check] = await bot.send({ value: actionData(details, 'Remove reseller relationship'), locale: 'en-US' });
    expect(cardText(check)).toContain('Remove the reseller relationship with Van der Berg Installatietechniek B.V.?');
  });

  it.each(LOCALES)('%s: "Other" needs a note; the reason and note are kept when the card comes back', async (locale) => {
    await start();
    const [check] = await bot.send({ text: `${L[locale].start} Cerámica`, locale });
    const [again] = await bot.send({ value: { reason: 'other', note: '   ', ...actionData(check, L[locale].continue) }, locale });
    expect(cardText(again)).toContain(L[locale].noteRequired);
    const [confirm] = await bot.send({ value: { reason: 'other', note: 'Merged into the parent company', ...actionData(again, L[locale].continue) }, locale });
    expect(cardText(confirm)).toContain(L[locale].confirmTitle);
  });

  it('checks again at confirmation: if another user ended it meanwhile, says so and writes no entry of its own', async () => {
    await start();
    const [check] = await bot.send({ text: 'end the relationship with Cerámica', locale: 'en-US' });
    const [confirm] = await bot.send({ value: { reason: 'customerRequest', ...actionData(check, 'Continue') }, locale: 'en-US' });
    const customer = (await directory.query('local-sandbox', { relationship: 'active', search: 'cerámica', locale: 'en-US' })).items[0]!;
    await directory.endRelationship('local-sandbox', customer.id, { at: NOW.toISOString(), by: 'other-user', requestId: 'someone-elses-request' });
    const [late] = await bot.send({ value: { confirmDomain: 'ceramicalevante.onmicrosoft.com', ...actionData(confirm, 'Remove reseller relationship') }, locale: 'en-US' });
    expect(cardText(late)).toContain('Another user has already removed the reseller relationship with Cerámica Levante S.L.');
    expect(await audit.entries('local-sandbox')).toEqual([]);
  });

  it.each(LOCALES)('%s: checks the blockers again at confirmation: a subscription bought meanwhile stops the removal and nothing is written', async (locale) => {
    const S = L[locale];
    await start();
    const [check] = await bot.send({ text: `${S.start} Cerámica`, locale });
    const [confirm] = await bot.send({ value: { reason: 'customerRequest', note: '', ...actionData(check, S.continue) }, locale });
    expect(cardText(confirm)).toContain(S.confirmTitle);
    // Someone buys a new-commerce licence between the pre-check and the confirmation.
    const read = directory.get.bind(directory);
    jest.spyOn(directory, 'get').mockImplementation(async (tenant, id) => {
      const customer = await read(tenant, id);
      if (!customer) return customer;
      const bought = { id: 'bought-meanwhile', offerId: 'CFQ7TTC0LF8Q:0001', offerName: 'Microsoft 365 E3', kind: 'newCommerceLicense' as const, quantity: 5, status: 'active' as const, createdAt: NOW.toISOString() };
      return { ...customer, subscriptions: [...customer.subscriptions, bought] };
    });
    const [stopped] = await bot.send({ value: { confirmDomain: 'ceramicalevante.onmicrosoft.com', ...actionData(confirm, S.confirm) }, locale });
    expect(cardText(stopped)).toContain(S.blockedMueller.replace('Müller Maschinenbau GmbH', 'Cerámica Levante S.L.'));
    expect(cardText(stopped)).toContain('Microsoft 365 E3');
    expect(await active()).toBe(21);
    expect(await audit.entries('local-sandbox')).toEqual([]);
  });

  it.each(LOCALES)('%s: checks the roles again at confirmation: a role taken away meanwhile refuses the removal and nothing is written', async (locale) => {
    const S = L[locale];
    await start();
    const [check] = await bot.send({ text: `${S.start} Cerámica`, locale });
    const [confirm] = await bot.send({ value: { reason: 'customerRequest', note: '', ...actionData(check, S.continue) }, locale });
    expect(cardText(confirm)).toContain(S.confirmTitle);
    // The user's roles change (the bot restarted with other assignments); the confirmation card is still on screen.
    await bot.runtime.close();
    directory = new LowdbCustomerDirectory({ dataDir: bot.dataDir });
    bot = await startTestBot({ dataDir: bot.dataDir, env: { SANDBOX_ROLES: 'salesAgent' }, overrides: { store: directory, now: () => NOW } });
    const [refused] = await bot.send({ value: { confirmDomain: 'ceramicalevante.onmicrosoft.com', ...actionData(confirm, S.confirm) }, locale });
    expect(cardText(refused)).toContain(S.refused);
    expect(await active()).toBe(21);
    expect(await audit.entries('local-sandbox')).toEqual([]);
  });
});
