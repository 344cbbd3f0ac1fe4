import { MAX_FIELD_LENGTH, MAX_TYPED_LENGTH, submittedTooLarge, typedTooLong } from '../../src/rules/inputBounds.js';

describe('input bounds at intake', () => {
  it.each([
    ['a short message', 'Kundenliste Müller', false],
    ['a message at the bound', 'x'.repeat(MAX_TYPED_LENGTH), false],
    ['a message one over', 'x'.repeat(MAX_TYPED_LENGTH + 1), true],
  ])('typed: %s', (_name, text, expected) => {
    expect(typedTooLong(text)).toBe(expected);
  });

  it.each([
    ['a card submit', { verb: 'customerList.search', searchTerm: 'müller' }, false],
    ['a field at the bound', { verb: 'x', subscriptions: 'a'.repeat(MAX_FIELD_LENGTH) }, false],
    ['a field one over', { verb: 'x', companyName: 'a'.repeat(MAX_FIELD_LENGTH + 1) }, true],
    ['a long key', { ['k'.repeat(MAX_FIELD_LENGTH + 1)]: 1 }, true],
    ['many fields that are long together', Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, 'a'.repeat(10_000)])), true],
    ['deep nesting', JSON.parse('{"a":'.repeat(12) + '1' + '}'.repeat(12)) as unknown, true],
    ['an array of short strings', { ids: Array.from({ length: 100 }, (_, i) => `id-${i}`) }, false],
    ['not an object', 'plain', false],
  ])('submitted: %s', (_name, value, expected) => {
    expect(submittedTooLarge(value)).toBe(expected);
  });
});
