import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { LowdbCustomerDirectory } from '../../src/customers/lowdbCustomerDirectory.js';
import { actionData, allActions, cardOf, cardText, inputsOf, inputValues } from '../support/cards.js';
import type { ReceivedActivity } from '../support/connector.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { USER_HEADERS, usersCsv } from '../support/userFiles.js';

/** What each language says (literal: what users read), and the demo customer each language's test works on. */
const L = {
  'en-US': { columns: 'Display name and Email (required), First name and Last name (optional)', feed: '100 users added: Cascade Timberworks LLC', lang: 'en', start: 'add users', search: 'Cascade', domain: 'cascadetimberworks.onmicrosoft.com', country: 'US', delimiter: ',', fileTitle: 'Add users: Cascade Timberworks LLC', ready: 'The file is fine: 100 users will be added.', create: 'Add users', progress: 'Adding users: Cascade Timberworks LLC', result: 'Users added: Cascade Timberworks LLC', download: 'Download passwords', gone: 'This link has already been used or has expired.', passwordColumn: 'Temporary password', created: 'Created', licences: 'Assign licenses', assign: 'Assign', notEnough: 'Not enough licenses of Microsoft 365 Business Premium: 100 needed, 40 available, 60 missing.', assigned: 'Licenses assigned: Cascade Timberworks LLC' },
  'de-DE': { columns: 'Anzeigename und E-Mail (Pflicht), Vorname und Nachname (optional)', feed: '100 Benutzer hinzugefügt: Müller Maschinenbau GmbH', lang: 'de', start: 'Benutzer hinzufügen', search: 'Müller', domain: 'muellermaschinenbau.onmicrosoft.com', country: 'DE', delimiter: ';', fileTitle: 'Benutzer hinzufügen: Müller Maschinenbau GmbH', ready: 'Die Datei ist in Ordnung: 100 Benutzer werden hinzugefügt.', create: 'Hinzufügen', progress: 'Benutzer werden hinzugefügt: Müller Maschinenbau GmbH', result: 'Benutzer hinzugefügt: Müller Maschinenbau GmbH', download: 'Kennwörter laden', gone: 'Dieser Link wurde bereits verwendet oder ist abgelaufen.', passwordColumn: 'Temporäres Kennwort', created: 'Angelegt', licences: 'Lizenzen zuweisen', assign: 'Zuweisen', notEnough: 'Nicht genügend Lizenzen von Microsoft 365 Business Premium: 100 benötigt, 15 verfügbar, 85 fehlen.', assigned: 'Lizenzen zugewiesen: Müller Maschinenbau GmbH' },
  'zh-CN': { columns: '显示名称和电子邮件（必填），名字和姓氏（可选）', feed: '已添加 100 个用户：北京星辰科技有限公司', lang: 'zh', start: '添加用户', search: '星辰', domain: 'xingchentech.onmicrosoft.com', country: 'CN', delimiter: ',', fileTitle: '添加用户：北京星辰科技有限公司', ready: '文件没有问题：将添加 100 个用户。', create: '添加用户', progress: '正在添加用户：北京星辰科技有限公司', result: '已添加用户：北京星辰科技有限公司', download: '下载密码', gone: '此链接已被使用或已过期。', passwordColumn: '临时密码', created: '已创建', licences: '分配许可证', assign: '分配', notEnough: 'Office 365 E3 的许可证不足：需要 100 个，可用 50 个，缺少 50 个。', assigned: '已分配许可证：北京星辰科技有限公司' },
  'ru-RU': { columns: 'Отображаемое имя и Email (обязательные), Имя и Фамилия (необязательные)', feed: 'Добавлено 100 пользователей: ООО «Северный ветер»', lang: 'ru', start: 'добавить пользователей', search: 'Северный', domain: 'severnyveter.onmicrosoft.com', country: 'RU', delimiter: ';', fileTitle: 'Добавить пользователей: ООО «Северный ветер»', ready: 'Файл в порядке: будет добавлено 100 пользователей.', create: 'Добавить', progress: 'Добавление пользователей: ООО «Северный ветер»', result: 'Пользователи добавлены: ООО «Северный ветер»', download: 'Скачать пароли', gone: 'Эта ссылка уже использована или истекла.', passwordColumn: 'Временный пароль', created: 'Создано', licences: 'Назначить лицензии', assign: 'Назначить', notEnough: 'Недостаточно лицензий Office 365 E3: нужно 100, доступно 14, нехватка: 86 лицензий.', assigned: 'Лицензии назначены: ООО «Северный ветер»' },
} as const;
type Locale = keyof typeof L;
const LOCALES = Object.keys(L) as Locale[];

const attachment = (url: string, name = 'users.csv') => ({ attachments: [{ contentType: 'text/csv', contentUrl: url, name }] });

/** Every file the bot wrote under its data directory, as text. */
function storedFiles(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(dir, entry))
    .filter((file) => { try { return readFileSync(file).length >= 0; } catch { return false; } })
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

describe('add users from a CSV file over HTTP (the embedded backend)', () => {
  let bot: HttpBot;
  afterEach(async () => bot.close(true));

  /** The proactive posts of the jobs (they answer none of the test's activities), newest last. */
  const posted = (): ReceivedActivity[] => bot.connector.received.filter((a) => !a.replyToId?.startsWith('http-') && a.conversationId === 'http-conversation-1');

  async function toConfirm(locale: Locale, csv: string) {
    const S = L[locale];
    const file = (await bot.post({ text: `${S.start} ${S.search}`, locale })).replies[0];
    expect(cardText(file)).toContain(S.fileTitle);
    const url = bot.connector.serveFile(`${locale}.csv`, csv);
    return { file, confirm: (await bot.post({ text: '', ...attachment(url), locale })).replies[0] };
  }

  it.each(LOCALES)('%s: 100 users from a file with the header in the language; passwords once; licences refused when short, then assigned', async (locale) => {
    bot = await startHttpBot({ overrides: { jobProgressMs: 60_000 } });
    const S = L[locale];
    // A team channel follows the account changes.
    await bot.post({ text: 'notifications on', locale, conversation: { id: 'team-channel', isGroup: true, conversationType: 'channel' } as Activity['conversation'] });
    const { file, confirm } = await toConfirm(locale, usersCsv(100, S.domain, { language: S.lang, delimiter: S.delimiter, bom: locale === 'de-DE' }));
    // The columns, listed the way the language lists things.
    expect(cardText(file)).toContain(S.columns);
    // The sample file the card links to: Partner Center's columns, in the user's language.
    const sampleUrl = allActions(cardOf(file)).find((a) => a.type === 'Action.OpenUrl')!.url!;
    const sample = await (await fetch(sampleUrl.replace(/^http:\/\/localhost:\d+/, bot.baseUrl))).text();
    expect(sample.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(USER_HEADERS[S.lang].join(','));
    expect(sample).toContain(`@${S.domain}`);

    expect(cardText(confirm)).toContain(S.ready);
    expect(inputValues(confirm).usageLocation).toBe(S.country);
    const progress = (await bot.post({ value: { ...inputValues(confirm), ...actionData(confirm, S.create) }, locale })).replies[0];
    expect(cardText(progress)).toContain(S.progress);
    await bot.app.jobs.idle();
    const result = posted().find((a) => cardText(a).includes(S.result))!;
    expect(cardText(result)).toContain(`${S.created}\n100`);

    const link = allActions(cardOf(result)).find((a) => a.title === S.download)!.url!.replace(/^http:\/\/localhost:\d+/, bot.baseUrl);
    const first = await fetch(link);
    expect(first.status).toBe(200);
    const lines = (await first.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain(S.passwordColumn);
    expect(lines).toHaveLength(101);
    const passwords = lines.slice(1).map((line) => line.split(',')[2]!);
    expect(passwords.every((p) => /^[A-Za-z]\S{15}$/.test(p))).toBe(true);
    const again = await fetch(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain(S.gone);

    await bot.app.flush();
    const customer = (await new LowdbCustomerDirectory({ dataDir: bot.dataDir }).list('local-sandbox')).find((c) => c.companyProfile.domain === S.domain)!;
    const added = customer.users!.filter((u) => u.userPrincipalName.startsWith('user'));
    expect(added).toHaveLength(100);
    expect(added.every((u) => u.usageLocation === S.country)).toBe(true);
    // No password anywhere the bot writes: customer store, bot state, jobs, audit.
    const stored = storedFiles(bot.dataDir);
    expect(passwords.filter((p) => stored.includes(p))).toEqual([]);
    expect(stored).toContain('"action":"addUsers","customerId"');
    await bot.app.jobs.idle();
    expect(bot.connector.received.filter((a) => a.conversationId === 'team-channel').map(cardText).join('\n')).toContain(S.feed);

    // Licences: the 100 new users are chosen; the product has too few free licences, so nothing is tried.
    const choose = (await bot.post({ value: actionData(result, S.licences), locale })).replies[0];
    const users = inputValues(choose).users!.split(',');
    expect(users.filter((id) => added.some((u) => u.id === id))).toHaveLength(100);
    const sku = inputsOf(cardOf(choose)).find((i) => i.id === 'skus')!.choices![0]!;
    const short = (await bot.post({ value: { ...actionData(choose, S.assign), users: users.join(','), skus: sku }, locale })).replies[0];
    expect(cardText(short)).toContain(S.notEnough);
    const two = (await bot.post({ value: { ...actionData(short, S.assign), users: users.slice(0, 2).join(','), skus: sku }, locale })).replies[0];
    expect(cardText(two)).not.toContain(S.notEnough);
    await bot.app.jobs.idle();
    expect(cardText(posted().find((a) => cardText(a).includes(S.assigned)))).toContain('2');
    await bot.app.flush();
    const after = (await new LowdbCustomerDirectory({ dataDir: bot.dataDir }).list('local-sandbox')).find((c) => c.companyProfile.domain === S.domain)!;
    expect(after.users!.filter((u) => u.licences?.includes(sku)).map((u) => u.id).sort()).toEqual(users.slice(0, 2).sort());
  });

  it('every kind of bad row is reported by its line before anything is created; the flow waits for the fixed file', async () => {
    bot = await startHttpBot();
    const domain = L['en-US'].domain;
    const rows = [
      ['Anna', 'Smith', '', `anna@${domain}`],
      ['Ben', 'Jones', 'B'.repeat(51), `ben@${domain}`],
      ['C'.repeat(51), 'Clark', 'Carl Clark', `carl@${domain}`],
      ['Dana', 'D'.repeat(51), 'Dana D', `dana@${domain}`],
      ['Eve', 'Evans', 'Eve Evans', 'eve.@' + domain],
      ['Finn', 'Ford', 'Finn Ford', 'finn@contoso.com'],
      ['Gus', 'Grey', 'Gus Grey', `anna@${domain}`],
      ['Hal', 'Hill', 'Hal Hill', `contact@${domain}`],
      ['Ida', 'Irwin', 'Ida Irwin', ''],
    ];
    const csv = ['First name,Last name,Display name,Email', ...rows.map((r) => r.join(','))].join('\n');
    const { confirm: problems } = await toConfirm('en-US', csv);
    const text = cardText(problems);
    expect(text).toContain('The file has 9 problems. Nothing was created: fix them and attach the file again.');
    for (const line of [
      'Line 2: the display name is missing.',
      'Line 3: the display name is longer than 50 characters.',
      'Line 4: the first name is longer than 50 characters.',
      'Line 5: the last name is longer than 50 characters.',
      `Line 6: “eve.@${domain}” can't be a user name`,
      `Line 7: “finn@contoso.com” is not on the customer's domain (${domain}).`,
      `Line 8: “anna@${domain}” is in the file twice (also on line 2).`,
      `Line 9: the customer already has a user “contact@${domain}”.`,
      'Line 10: the email is missing.',
    ]) expect(text).toContain(line);
    // Fixed, and attached again: the same flow goes on.
    const fixed = bot.connector.serveFile('fixed.csv', usersCsv(3, domain));
    expect(cardText((await bot.post({ ...attachment(fixed), locale: 'en-US' })).replies[0])).toContain('The file is fine: 3 users will be added.');
    await bot.app.flush();
    const customer = (await new LowdbCustomerDirectory({ dataDir: bot.dataDir }).list('local-sandbox')).find((c) => c.companyProfile.domain === domain)!;
    expect(customer.users).toHaveLength(3);
  });

  it('lists the first 20 problems and counts the rest, in German', async () => {
    bot = await startHttpBot();
    const csv = ['Vorname;Nachname;Anzeigename;E-Mail', ...Array.from({ length: 25 }, (_, i) => `A;B;;a${i}@muellermaschinenbau.onmicrosoft.com`)].join('\n');
    const text = cardText((await toConfirm('de-DE', csv)).confirm);
    expect(text).toContain('Die Datei hat 25 Fehler.');
    expect(text).toContain('Zeile 21: Der Anzeigename fehlt.');
    expect(text).not.toContain('Zeile 22:');
    expect(text).toContain('… und 5 weitere.');
  });

  it.each([
    ['101 rows', 'users.csv', usersCsv(101, L['en-US'].domain), 'The file has 101 users; at most 100 fit in one file.'],
    ['a spreadsheet', 'users.xlsx', 'PK\u0003\u0004 binary', 'This is not a CSV file.'],
    ['binary content', 'users.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]), 'This is not a CSV file.'],
    ['more than 1 MB', 'users.csv', `Display name,Email\n${'x'.repeat(1024 * 1024)}`, 'The file is larger than 1 MB.'],
    ['an unknown column', 'users.csv', 'Display name,Email,Department\nAnna,anna@cascadetimberworks.onmicrosoft.com,Sales', "Partner Center doesn't take these columns: Department."],
  ])('refuses %s with a clear message and creates nothing', async (_, name, body, message) => {
    bot = await startHttpBot();
    const S = L['en-US'];
    await bot.post({ text: `${S.start} ${S.search}`, locale: 'en-US' });
    const reply = (await bot.post({ ...attachment(bot.connector.serveFile(name, body), name), locale: 'en-US' })).replies[0];
    expect(cardText(reply)).toContain(message);
    expect(cardText(reply)).toContain(S.fileTitle);
    await bot.app.flush();
    const customer = (await new LowdbCustomerDirectory({ dataDir: bot.dataDir }).list('local-sandbox')).find((c) => c.companyProfile.domain === S.domain)!;
    expect(customer.users).toHaveLength(3);
  });

  it('a file sent with no add-users flow running says how to start one', async () => {
    bot = await startHttpBot();
    const reply = (await bot.post({ ...attachment(bot.connector.serveFile('u.csv', usersCsv(2, 'x.onmicrosoft.com'))), locale: 'ru-RU' })).replies[0];
    expect(cardText(reply)).toContain('Чтобы добавить из него пользователей, сначала введите «добавить пользователей»');
  });

  it('the password link expires after 15 minutes', async () => {
    let clock = Date.now();
    bot = await startHttpBot({ overrides: { linkClock: () => clock } });
    const S = L['zh-CN'];
    const { confirm } = await toConfirm('zh-CN', usersCsv(2, S.domain, { language: 'zh' }));
    await bot.post({ value: { ...inputValues(confirm), ...actionData(confirm, S.create) }, locale: 'zh-CN' });
    await bot.app.jobs.idle();
    const result = posted().find((a) => cardText(a).includes(S.result))!;
    clock += 15 * 60_000 + 1;
    const link = allActions(cardOf(result)).find((a) => a.title === S.download)!.url!.replace(/^http:\/\/localhost:\d+/, bot.baseUrl);
    const late = await fetch(link);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain(S.gone);
  });

  it('is not offered where Partner Center has no bulk users (US Government)', async () => {
    bot = await startHttpBot({ env: { PARTNER_CLOUD: 'usgov' } });
    const reply = (await bot.post({ text: 'add users Cascade', locale: 'en-US' })).replies[0];
    expect(cardText(reply)).toContain("Partner Center for US Government doesn't add users in bulk. Add the customer's users in the Azure Government portal.");
  });

  it('started in a group chat, it moves to the personal chat (the result holds passwords)', async () => {
    bot = await startHttpBot();
    const reply = (await bot.post({ text: 'add users Cascade', locale: 'en-US', conversation: { id: 'group-1', isGroup: true, conversationType: 'groupChat' } as Activity['conversation'], from: { id: 'user-1', name: 'Anna', aadObjectId: 'aad-1' } })).replies[0];
    expect(cardText(reply)).toContain('Add users continues in our personal chat');
    expect(bot.connector.created).toHaveLength(1);
    expect(cardText(bot.connector.received.find((a) => a.conversationId === 'a:personal-aad-1'))).toContain(L['en-US'].fileTitle);
  });

  it('starts from the details card; several matches are picked from; each flow can be cancelled from its card', async () => {
    bot = await startHttpBot();
    const list = (await bot.post({ text: 'customer list Cascade', locale: 'en-US' })).replies[0];
    const details = (await bot.post({ value: allActions(cardOf(list)).find((a) => a.data?.verb === 'customerList.details')!.data, locale: 'en-US' })).replies[0];
    expect(cardText((await bot.post({ value: actionData(details, 'Add users'), locale: 'en-US' })).replies[0])).toContain(L['en-US'].fileTitle);
    const pick = (await bot.post({ text: 'Benutzer hinzufügen gmbh', locale: 'de-DE' })).replies[0];
    expect(cardText(pick)).toContain('Mehrere Kunden passen. Welcher?');
    const file = (await bot.post({ value: allActions(cardOf(pick)).find((a) => a.data?.verb === 'addUsers.choose')!.data, locale: 'de-DE' })).replies[0];
    expect(cardText(file)).toContain('Benutzer hinzufügen: ');
    expect(cardText((await bot.post({ value: actionData(file, 'Abbrechen'), locale: 'de-DE' })).replies[0])).toContain('Abgebrochen. Es wurden keine Benutzer hinzugefügt.');
    const licences = (await bot.post({ text: 'назначить лицензии ООО', locale: 'ru-RU' })).replies[0];
    expect(cardText(licences)).toContain('Подходит несколько клиентов.');
    const choose = (await bot.post({ value: allActions(cardOf(licences)).find((a) => a.data?.verb === 'assignLicences.choose')!.data, locale: 'ru-RU' })).replies[0];
    expect(cardText(choose)).toContain('Назначить лицензии: ООО');
    expect(cardText((await bot.post({ value: actionData(choose, 'Отмена'), locale: 'ru-RU' })).replies[0])).toContain('Отменено. Лицензии не назначены.');
  });

  it('in Teams: the file comes as file.download.info, and the job updates its card in place, ending with the result', async () => {
    bot = await startHttpBot({ overrides: { jobProgressMs: 0 } });
    const S = L['en-US'];
    const teams = { channelId: 'msteams', conversation: { id: 'a:personal', conversationType: 'personal' } as Activity['conversation'], from: { id: '29:anna', name: 'Anna', aadObjectId: 'aad-anna' }, channelData: { tenant: { id: 'local-sandbox' } }, locale: 'en-US' };
    await bot.post({ ...teams, text: 'add users Cascade' });
    const downloadUrl = bot.connector.serveFile('teams.csv', usersCsv(3, S.domain));
    const confirm = (await bot.post({ ...teams, attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'users.csv', content: { downloadUrl, uniqueId: 'u-1', fileType: 'csv' } }] })).replies[0];
    expect(cardText(confirm)).toContain('3 users will be added');
    const create = allActions(cardOf(confirm)).find((a) => a.title === S.create && a.type === 'Action.Execute')!;
    const answer = await bot.post({ ...teams, type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-7', value: { action: { type: 'Action.Execute', verb: create.verb, data: { ...create.data, usageLocation: 'US' } } } });
    expect(JSON.stringify(answer.body)).toContain(S.progress);
    await bot.app.jobs.idle();
    const updates = bot.connector.received.filter((a) => a.operation === 'update' && a.id === 'card-7');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(cardText(updates.at(-2))).toContain('of 3 users done');
    expect(cardText(updates.at(-1))).toContain(S.result);
  });
});
