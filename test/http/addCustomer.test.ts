import type { Activity } from 'botbuilder';
import { actionData, allActions, cardOf, cardText } from '../support/cards.js';
import { startHttpBot, type HttpBot } from '../support/httpBot.js';

const STEPS: Array<Record<string, string>> = [
  { country: 'RU', companyName: 'ООО «Ромашка»', domainPrefix: 'romashka2026' },
  { addressLine1: 'ул. Ленина, д. 1', city: 'Казань', postalCode: '420111', phoneNumber: '+7 843 123-45-67', organizationRegistrationNumber: '7707083893' },
  { firstName: 'Анна', lastName: 'Иванова', email: 'anna@romashka.example', culture: 'ru-RU' },
];

/** Walks the wizard over HTTP up to the review card, as the Emulator would. */
async function toReview(bot: HttpBot, conversation: Partial<Activity>): Promise<Partial<Activity>> {
  let { replies } = await bot.post({ ...conversation, text: 'добавить клиента', locale: 'ru-RU' });
  for (const inputs of STEPS) ({ replies } = await bot.post({ ...conversation, value: { ...inputs, ...actionData(replies[0], 'Далее') }, locale: 'ru-RU' }));
  ({ replies } = await bot.post({ ...conversation, value: actionData(replies[0], 'Пропустить'), locale: 'ru-RU' }));
  expect(cardText(replies[0])).toContain('Шаг 5 из 5: Проверка');
  return replies[0]!;
}

describe('add customer over HTTP', () => {
  let bot: HttpBot;
  beforeEach(async () => (bot = await startHttpBot()));
  afterEach(async () => bot.close(true));

  it('creates a customer with real card submits; it is in the list at once, with its details', async () => {
    const review = await toReview(bot, {});
    const { replies } = await bot.post({ value: actionData(review, 'Создать клиента'), locale: 'ru-RU' });
    expect(cardText(replies[0])).toContain('Клиент добавлен');
    expect(cardText(replies[0])).toContain('admin@romashka2026.onmicrosoft.com');

    const list = await bot.post({ text: 'список клиентов ромашка', locale: 'ru-RU' });
    expect(cardText(list.replies[0])).toContain('1 клиент');
    const row = allActions(cardOf(list.replies[0])).find((a) => a.data?.verb === 'customerList.details')!;
    const details = await bot.post({ value: row.data, locale: 'ru-RU' });
    for (const text of ['ООО «Ромашка»', 'romashka2026.onmicrosoft.com', 'Россия', 'Казань', 'Анна Иванова']) expect(cardText(details.replies[0])).toContain(text);
  });

  it('ignores a forged id from another tenant on Create: the new customer gets its own id, the other is untouched', async () => {
    const sandbox = await bot.post({ text: 'customer list müller', locale: 'en-US' });
    const foreignId = String(allActions(cardOf(sandbox.replies[0])).find((a) => a.data?.verb === 'customerList.details')!.data!.customerId);
    const b = { conversation: { id: 'conv-b', tenantId: 'partner-b' } as Activity['conversation'], channelId: 'msteams', channelData: { tenant: { id: 'partner-b' } } };
    const review = await toReview(bot, b);
    const { replies } = await bot.post({ ...b, value: { ...actionData(review, 'Создать клиента'), customerId: foreignId, id: foreignId }, locale: 'ru-RU' });
    expect(cardText(replies[0])).toContain('Клиент добавлен');
    expect(cardText(replies[0])).not.toContain(foreignId);
    const still = await bot.post({ value: { verb: 'customerList.details', customerId: foreignId }, locale: 'en-US' });
    expect(cardText(still.replies[0])).toContain('Müller Maschinenbau GmbH');
  });

  it('two simultaneous presses of Create make one customer', async () => {
    const review = await toReview(bot, {});
    const results = await Promise.all([
      bot.post({ value: actionData(review, 'Создать клиента'), locale: 'ru-RU' }),
      bot.post({ value: actionData(review, 'Создать клиента'), locale: 'ru-RU' }),
    ]);
    const texts = results.map((r) => cardText(r.replies[0]));
    expect(texts.filter((t) => t.includes('Клиент добавлен'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('больше не активна'))).toHaveLength(1);
    const list = await bot.post({ text: 'список клиентов ромашка', locale: 'ru-RU' });
    expect(cardText(list.replies[0])).toContain('1 клиент');
  });

  it('two partners racing for one domain: the second is sent back to choose another', async () => {
    const a = { conversation: { id: 'conv-a' } as Activity['conversation'] };
    const b = { conversation: { id: 'conv-b', tenantId: 'partner-b' } as Activity['conversation'], channelId: 'msteams', channelData: { tenant: { id: 'partner-b' } } };
    const reviewA = await toReview(bot, a);
    const reviewB = await toReview(bot, b);
    const created = await bot.post({ ...a, value: actionData(reviewA, 'Создать клиента'), locale: 'ru-RU' });
    expect(cardText(created.replies[0])).toContain('Клиент добавлен');
    const refused = await bot.post({ ...b, value: actionData(reviewB, 'Создать клиента'), locale: 'ru-RU' });
    expect(cardText(refused.replies[0])).toContain('Этот домен уже занят. Выберите другой.');
    expect(cardText(refused.replies[1])).toContain('Шаг 1 из 5');
    const listB = await bot.post({ ...b, text: 'список клиентов', locale: 'ru-RU' });
    expect(cardText(listB.replies[0])).toContain('Клиентов пока нет');
  });
});
