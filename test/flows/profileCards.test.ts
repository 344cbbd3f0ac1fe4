/** The update form: the same field order and value formats as adding a customer. */
import { formCardData, changeFacts } from '../../src/flows/updateCustomer/profileCards.js';
import { formOf } from '../../src/rules/billingProfileRules.js';
import { requestContext } from '../support/requestContext.js';

const OWNER = { id: 'd20d58c0-cfcf-4437-8ae3-d8661e6691e2', companyName: '北京星辰科技有限公司', domain: 'xingchentech.partner.onmschina.cn', country: 'CN' };

describe('update customer form', () => {
  it.each([
    ['zh-CN', ['lastName', 'firstName']],
    ['en-US', ['firstName', 'lastName']],
    ['de-DE', ['firstName', 'lastName']],
    ['ru-RU', ['firstName', 'lastName']],
  ] as const)('%s asks for the names in the language\'s order', (locale, order) => {
    const data = formCardData(requestContext(locale).locale, OWNER, {}, [], '') as { fields: Array<{ id: string }> };
    const ids = data.fields.map((f) => f.id).filter((id) => id === 'firstName' || id === 'lastName');
    expect(ids).toEqual(order);
  });

  it('shows a changed phone number formatted, old and new', () => {
    const before = { ...formOf({ companyName: 'x', firstName: '伟', lastName: '王', email: 'a@b.cn', culture: 'zh-CN', language: 'zh', defaultAddress: { country: 'CN', addressLine1: 'a', phoneNumber: '+861062785500' } } as never) };
    const after = { ...before, phoneNumber: '+861062785501' };
    const [fact] = changeFacts(requestContext('zh-CN').locale, before, after, ['phoneNumber'], 'CN');
    expect(fact!.value).toBe('+86 10 6278 5500 → +86 10 6278 5501');
  });

  it.each([
    ['CN', 'Beijing', 'BJ', 'zh-CN', '北京市'],
    ['MX', 'Jalisco', 'JAL', 'es-MX' as never, 'Jalisco'],
    ['US', 'WA', 'WA', 'en-US', 'Washington'],
  ] as const)('%s: the stored state (%s) is the chosen one on the form, and a change names it in the user\'s language', (country, stored, code, locale, shown) => {
    const owner = { ...OWNER, country };
    const data = formCardData(requestContext(locale).locale, owner, { state: stored }, [], '') as { fields: Array<{ id: string; value: string; choices: Array<{ value: string }> }> };
    const field = data.fields.find((f) => f.id === 'state')!;
    expect(field.value).toBe(code);
    expect(field.choices.map((c) => c.value)).toContain(code);
    const before = { ...formOf({ companyName: 'x', firstName: 'a', lastName: 'b', email: 'a@b.cn', culture: 'en-US', language: 'en', defaultAddress: { country, addressLine1: 'a', state: stored } } as never) };
    const [fact] = changeFacts(requestContext(locale).locale, before, { ...before, state: 'other' }, ['state'], country);
    expect(fact!.value.startsWith(`${shown} → `)).toBe(true);
  });
});
