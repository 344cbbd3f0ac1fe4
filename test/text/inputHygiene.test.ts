/** Invisible characters out at intake, markdown escaped on cards: names read and match as they look. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeMarkdown } from '../../src/cards/plainText.js';
import { cleanSubmitted, withoutInvisibles } from '../../src/text/inputHygiene.js';
import { allActions, cardOf, cardText } from '../support/cards.js';
import { startTestBot, type TestBot } from '../support/runtime.js';

describe('invisible characters', () => {
  it.each([
    ['zero-width space', 'Mül\u200Bler', 'Müller'],
    ['zero-width joiner and BOM', '\uFEFFCon\u200Dtoso', 'Contoso'],
    ['bidi override (Trojan Source)', 'evil\u202Emoc.com', 'evilmoc.com'],
    ['bidi isolates and marks', '\u2066Nord\u2069licht\u200F', 'Nordlicht'],
    ['control characters', 'Acme\u0000\u0007\u001B\u007F\u0085 AG', 'Acme AG'],
    ['soft hyphen', 'Maschinen\u00ADbau', 'Maschinenbau'],
  ])('%s is removed', (_what, typed, clean) => {
    expect(withoutInvisibles(typed)).toBe(clean);
  });

  it('keeps what people write: line breaks, tabs, Chinese, Cyrillic, emoji', () => {
    const text = 'ООО «Ромашка»\n北京星辰科技\t🚀';
    expect(withoutInvisibles(text)).toBe(text);
  });

  it('cleans every string a card submits, nested, and leaves other values alone', () => {
    expect(cleanSubmitted({ verb: 'x', form: { companyName: 'A\u200BB', tags: ['c\u202Ed'], count: 3, on: true } })).toEqual({ verb: 'x', form: { companyName: 'AB', tags: ['cd'], count: 3, on: true } });
  });
});

describe('markdown on cards', () => {
  it.each([
    ['[Click here](tel:+15550100) GmbH', '\\[Click here\\](tel:+15550100) GmbH'],
    ['*Neu* _AG_', '\\*Neu\\* \\_AG\\_'],
    ['1. FC Köln e. V.', '1\\. FC Köln e. V.'],
    ['- Bindestrich GmbH', '\\- Bindestrich GmbH'],
    ['# Hash AG', '\\# Hash AG'],
    ['back\\slash', 'back\\\\slash'],
    ['Schäfer & Söhne (KG)', 'Schäfer & Söhne (KG)'],
  ])('%s is shown as typed', (typed, escaped) => {
    expect(escapeMarkdown(typed)).toBe(escaped);
  });
});

describe('input hygiene through the bot', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close(true));

  it('finds "Müller" when the search term carries a zero-width space or a bidi control', async () => {
    bot = await startTestBot();
    for (const text of ['customer list mül\u200Bler', 'customer list \u202Emüller\u202C']) {
      const [list] = await bot.send({ text, locale: 'en-US' });
      expect(cardText(list)).toContain('Müller Maschinenbau GmbH');
      expect(JSON.stringify(cardOf(list))).not.toMatch(/\u200B|\u202E|\u202C/);
    }
  });

  it('a company name with a markdown link and a bidi override: stored clean and as typed, shown escaped, never a link', async () => {
    bot = await startTestBot({ overrides: { now: () => new Date('2026-11-21T10:00:00Z') } });
    const press = async (card: Parameters<typeof cardOf>[0], title: string, inputs: Record<string, unknown> = {}) => {
      const action = allActions(cardOf(card)).find((a) => a.title === title && a.data)!;
      return (await bot.send({ value: { ...inputs, ...action.data }, locale: 'de-DE' }))[0];
    };
    const [company] = await bot.send({ text: 'Kunden hinzufügen', locale: 'de-DE' });
    const address = await press(company, 'Weiter', { country: 'DE', companyName: '[Click here](tel:+15550100) \u202EGmbH', domainPrefix: 'clickhere' });
    const contact = await press(address, 'Weiter', { addressLine1: 'Friedrichstraße 1', addressLine2: '', city: 'Berlin', state: '', postalCode: '10117', phoneNumber: '' });
    const agreement = await press(contact, 'Weiter', { firstName: 'Greta', lastName: 'Lind\u200Bqvist', email: 'greta@clickhere.example', culture: 'de-DE' });
    const review = await press(agreement, 'Weiter', { firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@clickhere.example', dateAgreed: '2026-11-20' });
    const raw = JSON.stringify(cardOf(review));
    expect(raw).not.toMatch(/\u202E|\u200B/);
    // The JSON Teams gets holds no markdown link, only the escaped text; the user reads the name as typed.
    expect(raw).toContain('\\\\[Click here\\\\](tel:+15550100) GmbH');
    expect(raw).not.toMatch(/[^\\]\[Click here/);
    expect(cardText(review)).toContain('[Click here](tel:+15550100) GmbH');
    expect(cardText(review)).toContain('Lindqvist');
    await press(review, 'Kunden erstellen');
    await bot.runtime.close();
    const files = readdirSync(bot.dataDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    const everything = files.map((f) => readFileSync(path.join(bot.dataDir, f), 'utf8')).join('\n');
    expect(everything).toContain('"companyName": "[Click here](tel:+15550100) GmbH"');
    expect(everything).not.toMatch(/\u202E|\u200B/);
  });
});
