import type { Activity } from 'botbuilder';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import { actionData, allActions, cardOf, cardText, inputValues } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';

/** What each language says (literal: what users read). */
const L = {
  'en-US': { menu: 'Update account info', start: 'update customer', review: 'Review', save: 'Save', reapply: 'Re-apply mine', drop: 'Drop mine', useSuggested: 'Use suggestion', keepMine: 'Keep mine', done: 'Account info updated', conflict: 'Someone else changed this account in the meantime', theirs: 'Changed in the meantime', suggested: "Partner Center's suggestion", intro: 'Country, domain and Microsoft ID cannot change.' },
  'de-DE': { menu: 'Kontoinformationen aktualisieren', start: 'Kunden aktualisieren', review: 'Prüfen', save: 'Speichern', reapply: 'Übernehmen', drop: 'Verwerfen', useSuggested: 'Vorschlag nehmen', keepMine: 'Meine behalten', done: 'Kontoinformationen aktualisiert', conflict: 'Inzwischen hat jemand anderes dieses Konto geändert', theirs: 'Inzwischen geändert', suggested: 'Vorschlag von Partner Center', intro: 'Land, Domäne und Microsoft-ID lassen sich nicht ändern.' },
  'zh-CN': { menu: '更新帐户信息', start: '更新客户', review: '核对', save: '保存', reapply: '重新应用', drop: '放弃我的', useSuggested: '采用建议', keepMine: '保留我的', done: '帐户信息已更新', conflict: '在此期间有其他人更改了此帐户', theirs: '在此期间的更改', suggested: '合作伙伴中心的建议', intro: '国家/地区、域和 Microsoft ID 不能更改。' },
  'ru-RU': { menu: 'Обновить сведения об учетной записи', start: 'обновить клиента', review: 'Проверить', save: 'Сохранить', reapply: 'Применить мои', drop: 'Отменить мои', useSuggested: 'Принять', keepMine: 'Оставить мой', done: 'Сведения об учетной записи обновлены', conflict: 'За это время учетную запись изменил кто-то другой', theirs: 'Изменено за это время', suggested: 'Предложение Центра партнеров', intro: 'Страну, домен и идентификатор Майкрософт изменить нельзя.' },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];

const userA = { from: { id: 'user-a', name: 'Anna', aadObjectId: 'aad-a' }, conversation: { id: 'conv-a' } as Activity['conversation'] };
const userB = { from: { id: 'user-b', name: 'Boris', aadObjectId: 'aad-b' }, conversation: { id: 'conv-b' } as Activity['conversation'] };

describe('update customer account info over HTTP', () => {
  let bot: HttpBot;
  afterEach(async () => bot.close(true));

  /** One user up to the review of their edit of Cerámica Levante. */
  async function toReview(user: Partial<Activity>, locale: Locale, changes: Record<string, string>) {
    const form = (await bot.post({ ...user, text: `${L[locale].start} Cerámica`, locale })).replies[0];
    expect(cardText(form)).toContain(L[locale].intro);
    const review = (await bot.post({ ...user, value: { ...inputValues(form), ...changes, ...actionData(form, L[locale].review) }, locale })).replies[0];
    return review;
  }

  it.each(LOCALES)('%s: someone saved meanwhile: nothing is overwritten; their change is shown beside mine; re-applied, both are kept', async (locale) => {
    bot = await startHttpBot();
    const S = L[locale];
    const mine = await toReview(userA, locale, { firstName: 'María' });
    const theirs = await toReview(userB, locale, { city: 'Alicante' });
    expect(cardText((await bot.post({ ...userB, value: actionData(theirs, S.save), locale })).replies[0])).toContain(S.done);
    const conflict = (await bot.post({ ...userA, value: actionData(mine, S.save), locale })).replies[0];
    expect(cardText(conflict)).toContain(S.conflict);
    expect(cardText(conflict)).toContain(S.theirs);
    expect(cardText(conflict)).toContain('Valencia → Alicante');
    expect(cardText(conflict)).toContain('Lucía → María');
    const again = (await bot.post({ ...userA, value: actionData(conflict, S.reapply), locale })).replies[0];
    expect(cardText(again)).toContain('Lucía → María');
    expect(cardText(again)).not.toContain('Valencia → Alicante');
    expect(cardText((await bot.post({ ...userA, value: actionData(again, S.save), locale })).replies[0])).toContain(S.done);
    await bot.app.flush();
    const stored = (await new LowdbCustomerDirectory({ dataDir: bot.dataDir }).list('local-sandbox')).find((c) => c.companyProfile.domain === 'ceramicalevante.onmicrosoft.com')!;
    expect(stored.billingProfile).toMatchObject({ firstName: 'María', defaultAddress: { city: 'Alicante' } });
  });

  it('dropping my changes after a conflict starts again from the current values', async () => {
    bot = await startHttpBot();
    const S = L['de-DE'];
    const mine = await toReview(userA, 'de-DE', { firstName: 'María' });
    const theirs = await toReview(userB, 'de-DE', { city: 'Alicante' });
    await bot.post({ ...userB, value: actionData(theirs, S.save), locale: 'de-DE' });
    const conflict = (await bot.post({ ...userA, value: actionData(mine, S.save), locale: 'de-DE' })).replies[0];
    const form = (await bot.post({ ...userA, value: actionData(conflict, S.drop), locale: 'de-DE' })).replies[0];
    expect(inputValues(form)).toMatchObject({ city: 'Alicante', firstName: 'Lucía' });
  });

  it('two users saving at the same moment: exactly one write wins, the other is told', async () => {
    bot = await startHttpBot();
    const S = L['en-US'];
    const a = await toReview(userA, 'en-US', { firstName: 'María' });
    const b = await toReview(userB, 'en-US', { city: 'Alicante' });
    const [ra, rb] = await Promise.all([bot.post({ ...userA, value: actionData(a, S.save), locale: 'en-US' }), bot.post({ ...userB, value: actionData(b, S.save), locale: 'en-US' })]);
    const texts = [cardText(ra.replies[0]), cardText(rb.replies[0])];
    expect(texts.filter((t) => t.includes(S.done))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(S.conflict))).toHaveLength(1);
  });

  it.each([['en-US', 'Edit'], ['de-DE', 'Bearbeiten'], ['zh-CN', '编辑'], ['ru-RU', 'Изменить']] as const)('%s: in the 21Vianet cloud the details card says "Edit", as its portal does, and it opens the same card', async (locale, label) => {
    bot = await startHttpBot({ env: { PARTNER_CLOUD: 'china' } });
    const list = (await bot.post({ ...userA, text: 'customer list Cerámica', locale })).replies[0];
    const details = (await bot.post({ ...userA, value: allActions(cardOf(list)).find((a) => a.data?.verb === 'customerList.details')!.data, locale })).replies[0];
    expect(allActions(cardOf(details)).map((a) => a.title)).not.toContain(L[locale].menu);
    const form = (await bot.post({ ...userA, value: actionData(details, label), locale })).replies[0];
    expect(cardText(form)).toContain(L[locale].intro);
  });

  describe('on Partner Center', () => {
    let server: PartnerCenterServer;
    const as = (activity: Partial<Activity>) => bot.post({ channelData: { tenant: { id: PARTNER } }, ...userA, ...activity });
    beforeEach(async () => {
      server = await new PartnerCenterServer().start();
      seedPartnerCenter(server, PARTNER, 0);
      server.tokens.signIn('user-a', PARTNER);
      bot = await startHttpBot({ env: partnerCenterEnv(server) });
    });
    afterEach(async () => {
      expect(server.violations).toEqual([]);
      await server.stop();
    });

    it.each(LOCALES)('%s: the address is checked first; Partner Center\'s correction is offered, and taken or left as typed; the write carries If-Match and the etag', async (locale) => {
      const S = L[locale];
      for (const [choice, expected] of [[S.useSuggested, 'Hauptstraße 5'], [S.keepMine, 'Hauptstrasse 5']] as const) {
        const form = (await as({ text: `${S.start} Müller`, locale })).replies[0];
        const review = (await as({ value: { ...inputValues(form), addressLine1: 'Hauptstrasse 5', ...actionData(form, S.review) }, locale })).replies[0];
        const offer = (await as({ value: actionData(review, S.save), locale })).replies[0];
        expect(cardText(offer)).toContain(S.suggested);
        expect(cardText(offer)).toContain('Hauptstrasse 5 → Hauptstraße 5');
        const etag = server.customersOf(PARTNER).find((c) => c.companyProfile?.companyName?.startsWith('Müller'))!.attributes!.etag;
        expect(cardText((await as({ value: actionData(offer, choice), locale })).replies[0])).toContain(S.done);
        const put = server.apiCalls('PUT').at(-1)!;
        expect(put.path).toMatch(/\/profiles\/billing$/);
        expect(put.headers['if-match']).toBe(etag);
        expect(put.body).toMatchObject({ defaultAddress: { addressLine1: expected }, attributes: { etag, objectType: 'CustomerBillingProfile' } });
      }
      expect(server.apiCalls('POST').filter((c) => c.path === '/v1/validations/address')).toHaveLength(2);
    });
  });
});
