import type { Activity } from 'botbuilder';
import { createLogger } from '../../src/logger.js';
import { actionData, allActions, cardOf, cardText, inputsOf, inputValues } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';
import { PARTNER, PARTNER_USER, partnerCenterEnv } from '../support/partnerCenterBot.js';
import { seedPartnerCenter } from '../support/partnerCenterData.js';
import { PartnerCenterServer } from '../support/partnerCenterServer.js';
import { usersCsv } from '../support/userFiles.js';

const DOMAIN = 'muellermaschinenbau.onmicrosoft.com';
const userA = PARTNER_USER;

describe('add users and licences on Partner Center, as the signed-in user', () => {
  let server: PartnerCenterServer;
  let bot: HttpBot;
  const log: string[] = [];
  beforeEach(async () => {
    server = await new PartnerCenterServer().start();
    seedPartnerCenter(server, PARTNER, 0);
    server.tokens.signIn('user-a', PARTNER);
    bot = await startHttpBot({ env: partnerCenterEnv(server), overrides: { jobProgressMs: 0 }, logger: createLogger('debug', { write: (line: string) => void log.push(line) }) });
  });
  afterEach(async () => {
    expect(server.violations).toEqual([]);
    await bot.close(true);
    await server.stop();
  });
  const as = (activity: Partial<Activity>) => bot.post({ ...userA, locale: 'de-DE', ...activity });

  it('one POST per row, each with its own MS-RequestId and a password to change at first sign-in; licences per user, 60012 reported per user; no password in the logs', async () => {
    await as({ text: 'Benutzer hinzufügen Müller' });
    const url = bot.connector.serveFile('users.csv', usersCsv(5, DOMAIN, { language: 'de', delimiter: ';' }));
    const confirm = (await as({ attachments: [{ contentType: 'text/csv', contentUrl: url, name: 'users.csv' }] })).replies[0];
    expect(cardText(confirm)).toContain('5 Benutzer werden hinzugefügt.');
    await as({ value: { ...inputValues(confirm), usageLocation: 'AT', ...actionData(confirm, 'Hinzufügen') } });
    await bot.app.jobs.idle();

    const creates = server.apiCalls('POST').filter((c) => /^\/v1\/customers\/[^/]+\/users$/.test(c.path));
    expect(creates).toHaveLength(5);
    expect(new Set(creates.map((c) => c.headers['ms-requestid'])).size).toBe(5);
    for (const [i, call] of creates.entries()) {
      expect(call.headers.authorization).toMatch(/^Bearer /);
      expect(call.body).toMatchObject({ userPrincipalName: `user${i + 1}@${DOMAIN}`, displayName: `Benutzer ${i + 1}`, usageLocation: 'AT', passwordProfile: { forceChangePassword: true } });
    }
    const passwords = creates.map((c) => (c.body as { passwordProfile: { password: string } }).passwordProfile.password);
    const posts = bot.connector.received.filter((a) => !a.replyToId?.startsWith('http-'));
    // Progress after every row here (jobProgressMs 0), then the result.
    expect(posts.some((a) => cardText(a).includes('von 5 Benutzern erledigt'))).toBe(true);
    const result = posts.find((a) => cardText(a).includes('Benutzer hinzugefügt: Müller Maschinenbau GmbH'))!;
    const link = allActions(cardOf(result)).find((a) => a.title === 'Kennwörter laden')!.url!.replace(/^http:\/\/localhost:\d+/, bot.baseUrl);
    const file = await (await fetch(link)).text();
    for (const password of passwords) expect(file).toContain(password);

    // Licences: the product has 15 free; the new users get one each; Partner Center refuses one (60012) and says so for that user.
    const choose = (await as({ value: actionData(result, 'Lizenzen zuweisen') })).replies[0];
    const users = inputValues(choose).users!.split(',');
    expect(users).toHaveLength(5);
    const sku = inputsOf(cardOf(choose)).find((i) => i.id === 'skus')!.choices![0]!;
    const customer = server.customersOf(PARTNER).find((c) => c.companyProfile?.domain === DOMAIN)! as unknown as { skus: Array<{ skuId: string; consumedUnits: number; totalUnits: number }> };
    await as({ value: { ...actionData(choose, 'Zuweisen'), users: users.join(','), skus: sku } });
    // Someone else took all but four licences meanwhile: Partner Center refuses the fifth.
    const stored = customer.skus.find((k) => k.skuId === sku)!;
    stored.consumedUnits = stored.totalUnits - 4;
    await bot.app.jobs.idle();
    const updates = server.apiCalls('POST').filter((c) => c.path.endsWith('/licenseupdates'));
    expect(updates).toHaveLength(5);
    expect(updates[0]!.body).toMatchObject({ licensesToAssign: [{ skuId: sku }] });
    const done = bot.connector.received.find((a) => cardText(a).includes('Lizenzen zugewiesen: Müller Maschinenbau GmbH'))!;
    expect(cardText(done)).toContain('Benutzer 5: Nicht genügend Lizenzen');

    await bot.app.flush();
    expect(passwords.filter((p) => log.some((line) => line.includes(p)))).toEqual([]);
  });
});
