import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { actionData, allActions, cardOf, cardText, factsOf, shownPassword } from '../support/cards.js';
import { startTestBot, type TestBot } from '../support/runtime.js';

const NOW = new Date('2026-11-21T10:00:00Z');

/** The wizard in each language: what to type, what the user must read, and a valid German customer. */
const LANGS = {
  'en-US': { start: 'add customer', step1: 'Step 1 of 5: Account info', step2: 'Step 2 of 5: Address', step3: 'Step 3 of 5: Primary contact', step4: 'Step 4 of 5: Microsoft Customer Agreement', step5: 'Step 5 of 5: Review', next: 'Next', back: 'Back', cancel: 'Cancel', edit: 'Edit', create: 'Create customer', skip: 'Skip for now', done: 'Customer added', cancelled: 'Adding the customer was cancelled. Nothing was saved.', typedBack: 'back', typedCancel: 'cancel', copied: "I've copied it", hidden: 'The temporary password is no longer shown here.' },
  'de-DE': { start: 'Kunden hinzufügen', step1: 'Schritt 1 von 5: Kontoinformationen', step2: 'Schritt 2 von 5: Adresse', step3: 'Schritt 3 von 5: Primärer Kontakt', step4: 'Schritt 4 von 5: Microsoft-Kundenvereinbarung', step5: 'Schritt 5 von 5: Überprüfen', next: 'Weiter', back: 'Zurück', cancel: 'Abbrechen', edit: 'Bearbeiten', create: 'Kunden erstellen', skip: 'Vorerst überspringen', done: 'Kunde hinzugefügt', cancelled: 'Das Hinzufügen des Kunden wurde abgebrochen. Es wurde nichts gespeichert.', typedBack: 'zurück', typedCancel: 'Abbrechen', copied: "Kennwort kopiert", hidden: 'Das temporäre Kennwort wird hier nicht mehr angezeigt.' },
  'zh-CN': { start: '添加客户', step1: '第 1 步，共 5 步：帐户信息', step2: '第 2 步，共 5 步：地址', step3: '第 3 步，共 5 步：主要联系人', step4: '第 4 步，共 5 步：Microsoft 客户协议', step5: '第 5 步，共 5 步：核对', next: '下一步', back: '上一步', cancel: '取消', edit: '编辑', create: '创建客户', skip: '暂时跳过', done: '已添加客户', cancelled: '已取消添加客户。未保存任何内容。', typedBack: '返回', typedCancel: '取消', copied: "我已复制", hidden: '此处不再显示临时密码。' },
  'ru-RU': { start: 'добавить клиента', step1: 'Шаг 1 из 5: Сведения об учетной записи', step2: 'Шаг 2 из 5: Адрес', step3: 'Шаг 3 из 5: Основное контактное лицо', step4: 'Шаг 4 из 5: Клиентское соглашение Майкрософт', step5: 'Шаг 5 из 5: Проверка', next: 'Далее', back: 'Назад', cancel: 'Отмена', edit: 'Изменить', create: 'Создать клиента', skip: 'Пропустить', done: 'Клиент добавлен', cancelled: 'Добавление клиента отменено. Ничего не сохранено.', typedBack: 'назад', typedCancel: 'отмена', copied: "Пароль скопирован", hidden: 'Временный пароль здесь больше не показывается.' },
} as const;
type Locale = keyof typeof LANGS;
const LOCALES = Object.keys(LANGS) as Locale[];

const STALE: Record<Locale, string> = { 'en-US': 'This card is no longer active.', 'de-DE': 'Diese Karte ist nicht mehr aktiv.', 'zh-CN': '此卡片已失效。', 'ru-RU': 'Эта карточка больше не активна.' };
const ERROR: Record<Locale, string> = { 'en-US': 'Something went wrong', 'de-DE': 'Ein Fehler ist aufgetreten', 'zh-CN': '出现错误', 'ru-RU': 'Произошла ошибка' };
const MALFORMED = 'I could not read that card action.';
const NOTHING_TO_CANCEL: Record<Locale, string> = { 'en-US': 'There is nothing to cancel.', 'de-DE': 'Es gibt nichts abzubrechen.', 'zh-CN': '没有可取消的操作。', 'ru-RU': 'Нечего отменять.' };

const COMPANY = { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtsoftware' };
const ADDRESS = { addressLine1: 'Friedrichstraße 123', addressLine2: '', city: 'Berlin', state: '', postalCode: '10117', phoneNumber: '+49 30 1234567' };
const CONTACT = { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta.lindqvist@nordlicht.example', culture: 'de-DE' };
const AGREEMENT = { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta.lindqvist@nordlicht.example', dateAgreed: '2026-11-20' };

/** Presses the button titled `title` on `card`, with these inputs, as a client does. */
const press = (bot: TestBot, card: Partial<Activity> | undefined, title: string, locale: string, inputs: Record<string, unknown> = {}) =>
  bot.send({ value: { ...inputs, ...actionData(card, title) }, locale });

/** Input values shown on a form card, by input id. */
function inputValues(card: Partial<Activity> | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') values[element.id] = element.value;
    Object.values(element).forEach(walk);
  };
  walk(cardOf(card).body);
  return values;
}

/** The total the list card reports for the sandbox's active customers. */
async function activeTotal(bot: TestBot): Promise<string> {
  const [list] = await bot.send({ text: 'customer list', locale: 'en-US' });
  return cardText(list).split('\n')[1]!;
}

async function customers(bot: TestBot, search: string) {
  const [list] = await bot.send({ value: { verb: 'customerList.page', page: 1, search, relationship: 'active' }, locale: 'en-US' });
  return allActions(cardOf(list)).filter((a) => a.data?.verb === 'customerList.details');
}

describe('add customer wizard', () => {
  let bot: TestBot;
  beforeEach(async () => (bot = await startTestBot({ overrides: { now: () => NOW } })));
  afterEach(async () => bot.close(true));

  it.each(LOCALES)('%s: walks all steps, edits from the review, creates one customer and shows the password once', async (locale) => {
    const L = LANGS[locale];
    const [company] = await bot.send({ text: L.start, locale });
    expect(cardText(company)).toContain(L.step1);
    expect(cardText(company)).toContain('.onmicrosoft.com');
    const [address] = await press(bot, company, L.next, locale, COMPANY);
    expect(cardText(address)).toContain(L.step2);
    const [contact] = await press(bot, address, L.next, locale, ADDRESS);
    expect(cardText(contact)).toContain(L.step3);
    expect(inputValues(contact).culture).toBe('de-DE');
    const [agreement] = await press(bot, contact, L.next, locale, CONTACT);
    expect(cardText(agreement)).toContain(L.step4);
    // Partner Center defaults the signer to the primary contact.
    expect(inputValues(agreement)).toMatchObject({ firstName: 'Greta', lastName: 'Lindqvist', dateAgreed: '2026-11-21' });
    const [review] = await press(bot, agreement, L.next, locale, AGREEMENT);
    expect(cardText(review)).toContain(L.step5);
    for (const text of ['Nordlicht Software GmbH', 'nordlichtsoftware.onmicrosoft.com', 'Friedrichstraße 123', 'Berlin', '10117', 'Greta', 'greta.lindqvist@nordlicht.example']) {
      expect(cardText(review)).toContain(text);
    }

    // Edit the address from the review: values kept, and Next returns to the review.
    const [editAddress] = await bot.send({ value: { verb: 'addCustomer.edit', step: 'address', promptId: actionData(review, L.create).promptId }, locale });
    expect(cardText(editAddress)).toContain(L.step2);
    expect(inputValues(editAddress)).toMatchObject({ addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117' });
    const [review2] = await press(bot, editAddress, L.next, locale, { ...ADDRESS, city: 'Potsdam', postalCode: '14467' });
    expect(cardText(review2)).toContain(L.step5);
    expect(cardText(review2)).toContain('Potsdam');

    const [result] = await press(bot, review2, L.create, locale);
    expect(cardText(result)).toContain(L.done);
    const [id, domain, admin] = factsOf(result).map((f) => f.value);
    const password = shownPassword(result)!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(domain).toBe('nordlichtsoftware.onmicrosoft.com');
    expect(admin).toBe('admin@nordlichtsoftware.onmicrosoft.com');
    expect(password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z\d]).{16}$/);
    // "I've copied it": the same facts again, without the password.
    const [copied] = await press(bot, result, L.copied, locale);
    expect(JSON.stringify(copied)).not.toContain(JSON.stringify(password).slice(1, -1));
    expect(shownPassword(copied)).toBeUndefined();
    expect(cardText(copied)).toContain(L.hidden);
    expect(cardText(copied)).toContain('admin@nordlichtsoftware.onmicrosoft.com');
    expect(allActions(cardOf(copied)).map((a) => a.title)).not.toContain(L.copied);

    // Stored once, with the agreement, and findable in the list at once.
    const found = await customers(bot, 'nordlicht');
    expect(found.map((a) => a.data!.customerId)).toEqual([id]);
    await bot.runtime.close();
    const files = readdirSync(bot.dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    const everything = files.map((f) => readFileSync(path.join(bot.dataDir, f), 'utf8')).join('\n');
    expect(everything).toContain('Potsdam');
    expect(everything).toContain('"dateAgreed": "2026-11-20"');
    // The password is nowhere in storage (dialog state included).
    expect(everything).not.toContain(password);

    // Pressing Create again on the same card changes nothing.
    bot = await startTestBot({ dataDir: bot.dataDir, overrides: { now: () => NOW } });
    const again = await press(bot, review2, L.create, locale);
    expect(cardText(again[0])).not.toContain(L.done);
    expect(await customers(bot, 'nordlicht')).toHaveLength(1);
  });

  it('zh-CN: asks for the family name first, and the review writes name, province and phone the Chinese way', async () => {
    const locale = 'zh-CN';
    const L = LANGS[locale];
    const [company] = await bot.send({ text: L.start, locale });
    const [address] = await press(bot, company, L.next, locale, { country: 'CN', companyName: '上海晨光软件有限公司', domainPrefix: 'chenguangsoft' });
    const [contact] = await press(bot, address, L.next, locale, { addressLine1: '浦东新区世纪大道100号', addressLine2: '', city: '上海市', state: 'SH', postalCode: '200120', phoneNumber: '+862150501234' });
    const lines = cardText(contact).split('\n');
    expect(lines.indexOf('姓氏')).toBeGreaterThan(-1);
    expect(lines.indexOf('姓氏')).toBeLessThan(lines.indexOf('名字'));
    const [agreement] = await press(bot, contact, L.next, locale, { firstName: '芳', lastName: '李', email: 'li.fang@chenguang.example', culture: 'zh-CN' });
    const signer = cardText(agreement).split('\n');
    expect(signer.findIndex((l) => l.includes('姓氏'))).toBeLessThan(signer.findIndex((l) => l.includes('名字')));
    const [review] = await press(bot, agreement, L.next, locale, { firstName: '芳', lastName: '李', email: 'li.fang@chenguang.example', dateAgreed: '2026-11-20' });
    const text = cardText(review);
    expect(text).toContain(L.step5);
    expect(text).toContain('中国');
    expect(text).toContain('上海市');
    expect(text).not.toMatch(/\nShanghai\n/);
    expect(text).toContain('+86 21 5050 1234');
    expect(text).toContain('李芳');
    expect(text.indexOf('\n姓氏\n李')).toBeLessThan(text.indexOf('\n名字\n芳'));
  });

  it('"I\'ve copied it" with a forged or another partner\'s customer id shows no customer and says the action was not understood', async () => {
    const [list] = await bot.send({ text: 'customer list müller', locale: 'en-US' });
    const sandboxId = String(allActions(cardOf(list)).find((a) => a.data?.verb === 'customerList.details')!.data!.customerId);
    for (const [customerId, extra] of [['x'.repeat(500), {}], [sandboxId, { channelId: 'msteams', channelData: { tenant: { id: 'another-partner' } } }], [42, {}]] as const) {
      const [reply] = await bot.send({ ...extra, value: { verb: 'customerCreated.passwordCopied', customerId }, locale: 'en-US' });
      expect(cardText(reply)).toContain(MALFORMED);
      expect(cardText(reply)).not.toContain('Müller');
    }
  });

  it.each(LOCALES)('%s: Back (button and typed) returns to the previous step with the values kept', async (locale) => {
    const L = LANGS[locale];
    const [company] = await bot.send({ text: L.start, locale });
    const [address] = await press(bot, company, L.next, locale, COMPANY);
    const [contact] = await press(bot, address, L.next, locale, ADDRESS);
    const [addressAgain] = await press(bot, contact, L.back, locale);
    expect(cardText(addressAgain)).toContain(L.step2);
    expect(inputValues(addressAgain)).toMatchObject({ addressLine1: 'Friedrichstraße 123', postalCode: '10117' });
    const [companyAgain] = await bot.send({ text: L.typedBack, locale });
    expect(cardText(companyAgain)).toContain(L.step1);
    expect(inputValues(companyAgain)).toMatchObject(COMPANY);
  });

  describe.each(LOCALES)('%s: cancel', (locale) => {
    const L = LANGS[locale];
    // Even steps use the card's Cancel button, odd steps the typed command: both end the wizard.
    it.each([1, 2, 3, 4, 5])('at step %i stores nothing', async (at) => {
      const inputs = [COMPANY, ADDRESS, CONTACT, AGREEMENT];
      let [card] = await bot.send({ text: L.start, locale });
      for (let i = 1; i < at; i++) [card] = await press(bot, card, L.next, locale, inputs[i - 1]);
      const replies = at % 2 === 0 ? await press(bot, card, L.cancel, locale) : await bot.send({ text: L.typedCancel, locale });
      expect(replies.map((r) => cardText(r)).join('\n')).toMatch(new RegExp(`${escape(L.cancelled)}|${escape(cancelledByCommand(locale))}`));
      expect(await customers(bot, 'nordlicht')).toHaveLength(0);
      // The wizard's card is dead now.
      const stale = await press(bot, card, at === 5 ? L.create : L.next, locale, inputs[at - 1] ?? {});
      expect(cardText(stale[0])).toMatch(/no longer active|nicht mehr aktiv|已失效|больше не активна/);
    });
  });

  it.each([
    ['en-US', { postalCode: 'ABC' }, 'postalCode'],
    ['de-DE', { postalCode: '1234' }, 'postalCode'],
    ['zh-CN', { addressLine1: '' }, 'addressLine1'],
    ['ru-RU', { phoneNumber: '12' }, 'phoneNumber'],
  ] as const)('%s: a bad field re-shows the same step with the values kept and a message under the field', async (locale, bad, field) => {
    const L = LANGS[locale];
    const [company] = await bot.send({ text: L.start, locale });
    const [address] = await press(bot, company, L.next, locale, COMPANY);
    const [again] = await press(bot, address, L.next, locale, { ...ADDRESS, ...bad });
    expect(cardText(again)).toContain(L.step2);
    expect(inputValues(again)).toMatchObject({ ...ADDRESS, ...bad });
    const body = JSON.stringify(cardOf(again).body);
    const fieldAt = body.indexOf(`"id":"${field}"`);
    const errorAt = body.indexOf('"color":"Attention"', fieldAt);
    expect(fieldAt).toBeGreaterThan(-1);
    expect(errorAt).toBeGreaterThan(fieldAt);
    expect(await customers(bot, 'nordlicht')).toHaveLength(0);
  });

  it('refuses a domain any partner already uses, offers available ones, and a suggestion continues the wizard', async () => {
    // Müller Maschinenbau's domain belongs to the sandbox tenant; this partner is another (a Teams tenant).
    const teams = { channelId: 'msteams', channelData: { tenant: { id: 'partner-b' } }, locale: 'de-DE' };
    const [company] = await bot.send({ ...teams, text: 'Kunden hinzufügen' });
    const [taken] = await bot.send({ ...teams, value: { ...COMPANY, companyName: 'Müller Maschinenbau GmbH', domainPrefix: 'muellermaschinenbau', ...actionData(company, 'Weiter') } });
    expect(cardText(taken)).toContain('Schritt 1 von 5');
    expect(cardText(taken)).toContain('muellermaschinenbau.onmicrosoft.com');
    const suggestions = allActions(cardOf(taken)).filter((a) => a.data?.suggestedDomainPrefix);
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.map((s) => s.data!.suggestedDomainPrefix)).not.toContain('muellermaschinenbau');
    const [address] = await bot.send({ ...teams, value: { ...COMPANY, companyName: 'Müller Maschinenbau GmbH', domainPrefix: 'muellermaschinenbau', ...suggestions[0]!.data } });
    expect(cardText(address)).toContain('Schritt 2 von 5');
  });

  it('a language switch mid-wizard shows the same step again, entirely in the new language, with the values kept', async () => {
    const [company] = await bot.send({ text: 'add customer', locale: 'en-US' });
    const [address] = await press(bot, company, 'Next', 'en-US', COMPANY);
    expect(cardText(address)).toContain('Postal code');
    const replies = await bot.send({ text: 'Sprache Deutsch', locale: 'en-US' });
    expect(cardText(replies[0])).toContain('Ab jetzt spreche ich Deutsch');
    const reshown = replies[1];
    expect(cardText(reshown)).toContain('Schritt 2 von 5: Adresse');
    expect(cardText(reshown)).toContain('Postleitzahl');
    expect(cardText(reshown)).not.toContain('Postal code');
    const [contact] = await press(bot, reshown, 'Weiter', 'en-US', ADDRESS);
    expect(cardText(contact)).toContain('Schritt 3 von 5: Primärer Kontakt');
  });

  it('keeps the wizard in dialog state, not the card: the 243 country choices are rebuilt, not stored', async () => {
    const [company] = await bot.send({ text: 'add customer', locale: 'en-US' });
    expect(cardText(company)).toContain('Afghanistan');
    await bot.runtime.close();
    const stateDir = path.join(bot.dataDir, 'conversations');
    const files = readdirSync(stateDir).map((f) => readFileSync(path.join(stateDir, f), 'utf8'));
    const conversation = files.find((f) => f.includes('"flow":"addCustomer"'))!;
    expect(conversation).toContain('"step":"company"');
    expect(conversation).not.toContain('Afghanistan');
    expect(conversation.length).toBeLessThan(2_000);

    // The card still works after a restart: the answer steps the wizard, and the next card is rebuilt from state.
    bot = await startTestBot({ dataDir: bot.dataDir, overrides: { now: () => NOW } });
    const [address] = await press(bot, company, 'Next', 'en-US', COMPANY);
    expect(cardText(address)).toContain('Step 2 of 5: Address');
    const [again] = await bot.send({ text: 'Sprache Deutsch', locale: 'en-US' }).then((r) => r.slice(1));
    expect(cardText(again)).toContain('Schritt 2 von 5: Adresse');
  });

  it.each(LOCALES)('%s: a wizard saved in a shape this version cannot read (an older version\'s) ends with the stale-card notice, not an error', async (locale) => {
    await bot.send({ text: LANGS[locale].start, locale });
    await bot.runtime.close();
    const stateDir = path.join(bot.dataDir, 'conversations');
    const file = readdirSync(stateDir).map((f) => path.join(stateDir, f)).find((f) => readFileSync(f, 'utf8').includes('"flow":"addCustomer"'))!;
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    const [flow] = stored.value.frames;
    flow.state = { dialogs: { dialogStack: [{ id: 'loop', state: { values: { state: flow.state }, stepIndex: 0 } }, { id: 'card', state: { promptId: 'old', card: 'form' } }] } };
    writeFileSync(file, JSON.stringify(stored));

    bot = await startTestBot({ dataDir: bot.dataDir, overrides: { now: () => NOW } });
    const replies = await bot.send({ text: 'Nordlicht', locale });
    expect(replies).toHaveLength(1);
    expect(cardText(replies[0])).toContain(STALE[locale]);
    expect(cardText(replies[0])).not.toContain(ERROR[locale]);
    // The flow is over: typing cancel finds nothing to cancel.
    const [cancel] = await bot.send({ text: LANGS[locale].typedCancel, locale });
    expect(cardText(cancel)).toContain(NOTHING_TO_CANCEL[locale]);
  });

  it('skipping the agreement is allowed, and the result says it is still needed', async () => {
    const [company] = await bot.send({ text: 'add customer', locale: 'en-US' });
    const [address] = await press(bot, company, 'Next', 'en-US', COMPANY);
    const [contact] = await press(bot, address, 'Next', 'en-US', ADDRESS);
    const [agreement] = await press(bot, contact, 'Next', 'en-US', CONTACT);
    const [review] = await press(bot, agreement, 'Skip for now', 'en-US');
    expect(cardText(review)).toContain('Not recorded yet');
    const [result] = await press(bot, review, 'Create customer', 'en-US');
    expect(cardText(result)).toContain('still needed before any order');
  });

  it.each([
    ['missing fields', {}],
    ['wrong types', { country: 49, companyName: ['a'], domainPrefix: { x: 1 } }],
    // Under the intake bound (inputBounds.ts): the wizard's own field bounds answer (100 KB is refused at intake: test/http/forgedActivities.test.ts).
    ['10 KB strings', { country: 'DE', companyName: 'x'.repeat(10_000), domainPrefix: 'y'.repeat(10_000) }],
    ['script tags', { country: 'DE', companyName: '<script>alert(1)</script>', domainPrefix: '<b>x</b>' }],
  ])('a forged company submit (%s) gets localized messages, a small card, and stores nothing', async (_name, forged) => {
    const [company] = await bot.send({ text: 'Kunden hinzufügen', locale: 'de-DE' });
    const [again] = await bot.send({ value: { ...forged, ...actionData(company, 'Weiter') }, locale: 'de-DE' });
    expect(cardText(again)).toContain('Schritt 1 von 5');
    expect(JSON.stringify(cardOf(again)).length).toBeLessThan(28_000);
    expect(JSON.stringify(cardOf(again).body)).toContain('"color":"Attention"');
    expect(await activeTotal(bot)).toBe('21 customers');
    expect(await customers(bot, 'script')).toHaveLength(0);
  });

  it('a country changed from the review resets what depends on it: the contact step offers the new country\'s culture and goes on', async () => {
    const L = LANGS['en-US'];
    const [company] = await bot.send({ text: L.start, locale: 'en-US' });
    const [address] = await press(bot, company, L.next, 'en-US', COMPANY);
    const [contact] = await press(bot, address, L.next, 'en-US', ADDRESS);
    const [agreement] = await press(bot, contact, L.next, 'en-US', CONTACT);
    const [review] = await press(bot, agreement, L.next, 'en-US', AGREEMENT);
    const [editCompany] = await bot.send({ value: { verb: 'addCustomer.edit', step: 'company', promptId: actionData(review, L.create).promptId }, locale: 'en-US' });
    const [address2] = await press(bot, editCompany, L.next, 'en-US', { ...COMPANY, country: 'FR' });
    expect(cardText(address2)).toContain(L.step2);
    const [contact2] = await press(bot, address2, L.next, 'en-US', { ...ADDRESS, phoneNumber: '+33 1 23 45 67 89' });
    expect(cardText(contact2)).toContain(L.step3);
    // The contact is kept, its culture is the new country's (de-DE is not one France offers).
    expect(inputValues(contact2)).toMatchObject({ firstName: 'Greta', culture: 'fr-FR' });
    const [next] = await press(bot, contact2, L.next, 'en-US', { ...CONTACT, culture: inputValues(contact2).culture! });
    expect(cardText(next)).not.toContain(L.step3);
  });

  it('a forged wizard action (edit outside the review, unknown verb) is refused and the step is shown again', async () => {
    const [company] = await bot.send({ text: 'add customer', locale: 'ru-RU' });
    const promptId = actionData(company, 'Далее').promptId;
    const replies = await bot.send({ value: { verb: 'addCustomer.edit', step: 'review', promptId }, locale: 'ru-RU' });
    expect(cardText(replies[0])).toContain('Не удалось прочитать действие карточки.');
    expect(cardText(replies[1])).toContain('Шаг 1 из 5');
  });

  it('explains that Microsoft Cloud Germany takes no new customers', async () => {
    await bot.close(true);
    bot = await startTestBot({ env: { PARTNER_CLOUD: 'germany' } });
    const [reply] = await bot.send({ text: 'Kunden hinzufügen', locale: 'de-DE' });
    expect(cardText(reply)).toContain('Microsoft Cloud Deutschland ist seit 2018 für neue Kunden geschlossen.');
  });

  it('uses the 21Vianet domain suffix in China', async () => {
    await bot.close(true);
    bot = await startTestBot({ env: { PARTNER_CLOUD: 'china' } });
    const [company] = await bot.send({ text: '添加客户', locale: 'zh-CN' });
    expect(cardText(company)).toContain('.partner.onmschina.cn');
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Typed "cancel" is the router's cancel: it ends whatever dialog runs. */
function cancelledByCommand(locale: Locale): string {
  return { 'en-US': 'Cancelled. Nothing was changed.', 'de-DE': 'Abgebrochen. Es wurde nichts geändert.', 'zh-CN': '已取消。未做任何更改。', 'ru-RU': 'Отменено. Ничего не изменено.' }[locale];
}
