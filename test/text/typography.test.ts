import path from 'node:path';
import { createI18n, loadLocaleResources } from '../../src/i18n/i18n.js';
import { createTypesetter } from '../../src/text/typography.js';

const NBSP = '\u00a0';
const typeset = createTypesetter();

describe('Russian typesetting', () => {
  it('nests quotes as «…„…“…» instead of doubling «»', () => {
    expect(typeset('ru', 'Клиент «ООО «Ромашка»» добавлен.')).toBe('Клиент «ООО „Ромашка“» добавлен.');
    expect(typeset('ru', 'Клиент "ООО "Ромашка"" добавлен.')).toBe('Клиент «ООО „Ромашка“» добавлен.');
  });

  it('keeps one full stop after "г." at the end of a sentence, and binds the date\'s parts', () => {
    expect(typeset('ru', 'Его нужно принять до 31 декабря 2026 г..')).toBe(`Его нужно принять до 31${NBSP}декабря 2026${NBSP}г.`);
  });

  it('leaves what a partner typed alone: no ©, ½, ± or dashes made of names, domains and addresses', () => {
    for (const text of ['A--B (c) 1/2 +- GmbH', 'test@example.ru', 'https://admin.microsoft.com/a--b?x=1', 'ул. Тверская, д. 7', '  два  пробела ']) {
      expect(typeset('ru', text)).toBe(text);
    }
  });

  it('in English and German only keeps one full stop where a name ending with one ends a sentence; Chinese is left as it is', () => {
    for (const language of ['en', 'de']) {
      expect(typeset(language, 'Kunde «ООО «Ромашка»» bis 1. Dezember 2026..')).toBe('Kunde «ООО «Ромашка»» bis 1. Dezember 2026.');
      expect(typeset(language, 'A--B (c) 1/2 +- GmbH... https://admin.microsoft.com/a..b')).toBe('A--B (c) 1/2 +- GmbH... https://admin.microsoft.com/a..b');
    }
    expect(typeset('zh', '与 Contoso Inc.. 的关系')).toBe('与 Contoso Inc.. 的关系');
  });

  it('a company name ending with a full stop ends an English or German sentence with one full stop', () => {
    const i18n = createI18n(loadLocaleResources(path.resolve('locales')));
    const company = 'Cerámica Levante S.L.';
    expect(i18n.getFixedT('en')('endRelationship.alreadyDone', { company })).toBe('Another user has already removed the reseller relationship with Cerámica Levante S.L. Nothing more to do.');
    expect(i18n.getFixedT('de')('transfers.sent', { partner: 'Fabrikam Inc.', company, deadline: '1. Dezember 2026' })).not.toContain('..');
  });

  it('runs on every translation after interpolation, where «{{company}}» meets the company\'s own quotes', () => {
    const i18n = createI18n(loadLocaleResources(path.resolve('locales')));
    const t = i18n.getFixedT('ru');
    const text = t('endRelationship.doneSummary', { company: 'ООО «Ромашка»', domain: 'romashka.onmicrosoft.com', date: '21 ноября 2026 г.' });
    expect(text).toBe(`Отношения с торговым посредником для клиента «ООО „Ромашка“» (romashka.onmicrosoft.com) прекращены 21${NBSP}ноября 2026${NBSP}г.`);
    expect(i18n.getFixedT('de')('endRelationship.doneSummary', { company: 'ООО «Ромашка»', domain: 'x', date: '1. Dezember 2026' })).toContain('ООО «Ромашка»');
  });
});
