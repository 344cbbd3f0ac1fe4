import type { Activity } from 'botbuilder';
import { actionData, cardOf, cardText, shownPassword } from '../support/cards.js';
import type { ReceivedActivity } from '../support/connector.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

/** Two members of a chat (the sandbox tenant: no tenant id is sent, so demo data and sandbox roles serve). */
const ANNA = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Schmidt' };
const BORIS = { id: '29:boris', aadObjectId: 'aad-boris', name: 'Борис Петров' };
const CONVERSATIONS = {
  'group chat': { id: '19:group-1@thread.v2', conversationType: 'groupChat', isGroup: true },
  channel: { id: '19:general@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true },
} as const;

/** What each language says (literal: what users read). */
const L = {
  'en-US': {
    inProgress: 'Anna Schmidt is working on this: Remove reseller relationship', startOwn: 'To start your own, type “end relationship” or use the menu.',
    endRelationship: 'end relationship', addCustomer: 'add customer', search: 'Search', continue: 'Continue', confirm: 'Remove reseller relationship', next: 'Next', skip: 'Skip for now', create: 'Create customer',
    notYours: 'This is Anna Schmidt\'s task (Remove reseller relationship): only they can use this card. To start your own, type “end relationship” or use the menu.',
    moved: 'Add customer continues in our personal chat, so that passwords stay private.',
    unavailable: 'Add customer shows a temporary password, so it only runs in a personal chat with me, and I could not open one for you.',
    nothing: 'There is nothing to cancel.', cancel: 'cancel', step1: 'Step 1 of 5',
  },
  'de-DE': {
    inProgress: 'Anna Schmidt arbeitet hieran: Vertriebspartnerbeziehung entfernen', startOwn: 'Um einen eigenen Vorgang zu starten, geben Sie „Beziehung beenden“ ein oder verwenden Sie das Menü.',
    endRelationship: 'Beziehung beenden', addCustomer: 'Kunden hinzufügen', search: 'Suchen', continue: 'Weiter', confirm: 'Vertriebspartnerbeziehung entfernen', next: 'Weiter', skip: 'Vorerst überspringen', create: 'Kunden erstellen',
    notYours: 'Dies ist die Aufgabe von Anna Schmidt (Vertriebspartnerbeziehung entfernen): Nur diese Person kann diese Karte verwenden. Um eine eigene zu starten, geben Sie „Beziehung beenden“ ein oder verwenden Sie das Menü.',
    moved: 'Kunden hinzufügen geht in unserem persönlichen Chat weiter, damit Kennwörter privat bleiben.',
    unavailable: 'Kunden hinzufügen zeigt ein temporäres Kennwort und läuft daher nur in einem persönlichen Chat mit mir.',
    nothing: 'Es gibt nichts abzubrechen.', cancel: 'Abbrechen', step1: 'Schritt 1 von 5',
  },
  'zh-CN': {
    inProgress: 'Anna Schmidt 正在处理：删除经销商关系', startOwn: '若要开始您自己的任务，请输入“删除经销商关系”或使用菜单。',
    endRelationship: '删除经销商关系', addCustomer: '添加客户', search: '搜索', continue: '继续', confirm: '删除经销商关系', next: '下一步', skip: '暂时跳过', create: '创建客户',
    notYours: '这是 Anna Schmidt 的任务（删除经销商关系）：只有该用户可以使用此卡片。若要开始您自己的任务，请输入“删除经销商关系”或使用菜单。',
    moved: '添加客户将在我们的个人聊天中继续，以确保密码不会泄露。',
    unavailable: '添加客户会显示临时密码，因此只能在与我的个人聊天中进行，但我无法为您打开个人聊天。',
    nothing: '没有可取消的操作。', cancel: '取消', step1: '第 1 步，共 5 步',
  },
  'ru-RU': {
    inProgress: 'Anna Schmidt выполняет задачу: Прекратить отношения с торговым посредником', startOwn: 'Чтобы начать свою, введите «прекратить отношения» или воспользуйтесь меню.',
    endRelationship: 'удалить связь', addCustomer: 'добавить клиента', search: 'Найти', continue: 'Продолжить', confirm: 'Прекратить отношения', next: 'Далее', skip: 'Пропустить', create: 'Создать клиента',
    notYours: 'Это задача пользователя Anna Schmidt (Прекратить отношения с торговым посредником): только он может использовать эту карточку. Чтобы начать свою, введите «прекратить отношения» или воспользуйтесь меню.',
    moved: 'Добавить клиента: продолжим в нашем личном чате, чтобы пароли оставались конфиденциальными.',
    unavailable: 'Добавить клиента: здесь показывается временный пароль, поэтому это возможно только в личном чате со мной, а открыть его для вас не удалось.',
    nothing: 'Нечего отменять.', cancel: 'отмена', step1: 'Шаг 1 из 5',
  },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];

const CERAMICA = { name: 'Cerámica Levante S.L.', domain: 'ceramicalevante.onmicrosoft.com' };

describe.each(Object.entries(CONVERSATIONS))('in a Teams %s', (_kind, conversation) => {
  let bot: HttpBot;
  beforeEach(async () => (bot = await startHttpBot()));
  afterEach(async () => bot.close(true));

  const as = (member: typeof ANNA, locale: Locale, activity: Partial<Activity>, where: Partial<Activity['conversation']> = conversation) =>
    bot.post({ channelId: 'msteams', from: member, conversation: where as Activity['conversation'], locale, ...activity });
  /** Presses a button as Teams does: an adaptiveCard/action invoke carrying the Action.Execute's verb and data. */
  const execute = (member: typeof ANNA, locale: Locale, card: Partial<Activity> | undefined, title: string, inputs: Record<string, unknown> = {}) => {
    const data = { ...inputs, ...actionData(card, title) };
    return as(member, locale, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: data.verb, data } } });
  };
  const invokeCard = (body: unknown) => ({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: (body as { value: unknown }).value }] }) as Partial<Activity>;

  it.each(LOCALES)('%s: a second member\'s presses on the first member\'s card change nothing; each runs their own flow side by side', async (locale) => {
    const t = L[locale];
    const [annasMessage] = (await as(ANNA, locale, { text: t.endRelationship })).replies;
    // Everyone sees whose task it is (Teams' user-specific views); only Anna's client is told to ask for the live card.
    expect(cardText(annasMessage)).toBe(`${t.inProgress}\n${t.startOwn}`);
    const { refresh } = cardOf(annasMessage) as { refresh: { action: { verb: string; data: Record<string, unknown> }; userIds: string[] } };
    expect(refresh.userIds).toEqual([ANNA.id]);
    const refreshAs = (member: typeof ANNA) => as(member, locale, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: refresh.action.verb, data: refresh.action.data }, trigger: 'automatic' } });
    const annasPick = invokeCard((await refreshAs(ANNA)).body);
    expect(cardText(annasPick)).toContain(t.search);
    // Boris asking for the card (Teams' manual refresh) gets the summary, never Anna's buttons.
    expect(cardText(invokeCard((await refreshAs(BORIS)).body))).toBe(`${t.inProgress}\n${t.startOwn}`);
    const [borisMessage] = (await as(BORIS, locale, { text: t.endRelationship })).replies;
    const borisRefresh = (cardOf(borisMessage) as { refresh: { action: { verb: string; data: Record<string, unknown> } } }).refresh.action;
    const borisPick = invokeCard((await as(BORIS, locale, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: borisRefresh.verb, data: borisRefresh.data } } })).body);

    // Boris presses Search on Anna's card, as Action.Execute and as its Action.Submit fallback: only he is told, nothing moves.
    const viaExecute = await execute(BORIS, locale, annasPick, t.search, { searchTerm: 'ceramica' });
    expect(viaExecute.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t.notYours });
    expect(viaExecute.replies).toHaveLength(0);
    const viaSubmit = await as(BORIS, locale, { value: { ...actionData(annasPick, t.search), searchTerm: 'ceramica' } });
    expect(viaSubmit.replies).toHaveLength(1);
    expect(cardText(viaSubmit.replies[0])).toBe(t.notYours);

    // Anna's flow is where she left it, and goes on under her hand.
    const annasReason = await execute(ANNA, locale, annasPick, t.search, { searchTerm: 'ceramica' });
    expect(cardText(invokeCard(annasReason.body))).toContain(CERAMICA.name);
    // Boris's own flow goes on too, at the same time.
    const borisResult = await execute(BORIS, locale, borisPick, t.search, { searchTerm: 'Müller' });
    expect(cardText(invokeCard(borisResult.body))).toContain('Müller Maschinenbau GmbH');

    const annasConfirm = await execute(ANNA, locale, invokeCard(annasReason.body), t.continue, { reason: 'customerRequest' });
    const confirmCard = invokeCard(annasConfirm.body);
    // Boris types the right domain into Anna's confirmation: refused, and the relationship is intact.
    const forged = await execute(BORIS, locale, confirmCard, t.confirm, { confirmDomain: CERAMICA.domain });
    expect(forged.body).toMatchObject({ value: t.notYours });
    const list = await as(ANNA, locale, { text: 'customer list ceramica' });
    expect(cardText(list.replies[0])).toContain(CERAMICA.name);

    const done = await execute(ANNA, locale, confirmCard, t.confirm, { confirmDomain: CERAMICA.domain });
    expect(cardText(invokeCard(done.body))).toContain(CERAMICA.name);
    const ended = await as(BORIS, locale, { value: { verb: 'customerList.page', relationship: 'ended', page: 1, search: 'ceramica' } });
    expect(cardText(ended.replies[0])).toContain(CERAMICA.name);
  });

  it.each(LOCALES)('%s: add customer continues in the personal chat; nothing posted to the shared conversation holds the password', async (locale) => {
    const t = L[locale];
    const started = await as(ANNA, locale, { text: t.addCustomer });
    expect(started.replies.map((r) => cardText(r))).toEqual([t.moved]);
    // Opened as Teams requires: the user's Entra id and the tenant.
    expect(bot.connector.created).toEqual([expect.objectContaining({ isGroup: false, members: [expect.objectContaining({ id: 'aad-anna' })], tenantId: 'local-sandbox' })]);
    const personalId = 'a:personal-aad-anna';
    const inPersonal = () => bot.connector.received.filter((a) => a.conversationId === personalId);
    expect(cardText(inPersonal()[0])).toContain(t.step1);

    // Anna walks the wizard in the personal chat (as Action.Execute, answered in place).
    const personal = { id: personalId, conversationType: 'personal' };
    let card: Partial<Activity> = inPersonal()[0]!;
    for (const inputs of [
      { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtshared' },
      { addressLine1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', phoneNumber: '+49 30 1234567' },
      { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@nordlicht.example', culture: 'de-DE' },
    ]) {
      const data: Record<string, unknown> = { ...inputs, ...actionData(card, t.next) };
      const answered = await as(ANNA, locale, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: data.verb, data } } }, personal);
      card = invokeCard(answered.body);
    }
    for (const title of [t.skip, t.create]) {
      const data = actionData(card, title);
      const answered = await as(ANNA, locale, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: data.verb, data } } }, personal);
      card = invokeCard(answered.body);
    }
    const result = JSON.stringify(cardOf(card));
    expect(result).toContain('admin@nordlichtshared.onmicrosoft.com');
    const password = shownPassword({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: cardOf(card) }] });
    expect(password).toMatch(/^\S{12,}$/);

    const shared: ReceivedActivity[] = bot.connector.received.filter((a) => a.conversationId === conversation.id);
    expect(shared.length).toBeGreaterThan(0);
    for (const activity of shared) {
      expect(JSON.stringify(activity)).not.toContain(password);
      expect(JSON.stringify(activity)).not.toContain('admin@nordlichtshared');
    }
  });

  it.each(LOCALES)('%s: when the personal chat cannot be opened, the shared conversation is told what to do and no flow starts', async (locale) => {
    const t = L[locale];
    bot.connector.createConversationStatus = 403;
    const started = await as(ANNA, locale, { text: t.addCustomer });
    expect(started.replies).toHaveLength(1);
    expect(cardText(started.replies[0])).toContain(t.unavailable);
    expect(bot.connector.received.filter((a) => a.conversationId !== conversation.id)).toHaveLength(0);
    const cancel = await as(ANNA, locale, { text: t.cancel });
    expect(cardText(cancel.replies[0])).toContain(t.nothing);
  });
});
