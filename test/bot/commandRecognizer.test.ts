import path from 'node:path';
import { CommandRecognizer, type CommandPhrases } from '../../src/flows/commandRecognizer.js';
import { loadLocaleResources } from '../../src/i18n/i18n.js';
import { projectRoot } from '../../src/paths.js';
import { COMMANDS } from '../support/registry.js';

const resources = loadLocaleResources(path.join(projectRoot(), 'locales'));
const recognizer = new CommandRecognizer(Object.fromEntries(Object.entries(resources).map(([l, ns]) => [l, ns.commands])) as CommandPhrases, COMMANDS);

describe('CommandRecognizer with the real locale phrases', () => {
  it.each([
    ['menu', 'menu', ''], ['Menü', 'menu', ''], ['菜单', 'menu', ''], ['Меню', 'menu', ''],
    ['help', 'help', ''], ['HILFE', 'help', ''], ['帮助', 'help', ''], ['справка', 'help', ''], ['Помощь!', 'help', ''],
    ['cancel', 'cancel', ''], ['Abbrechen', 'cancel', ''], ['取消', 'cancel', ''], ['отмена', 'cancel', ''],
    ['language', 'language', ''], ['Sprache ändern', 'language', ''], ['语言', 'language', ''], ['Язык', 'language', ''],
    ['show customers', 'customerList', ''], ['Kundenliste', 'customerList', ''], ['客户列表', 'customerList', ''], ['список клиентов', 'customerList', ''],
    ['add customer', 'addCustomer', ''], ['Kunden hinzufügen', 'addCustomer', ''], ['添加客户', 'addCustomer', ''], ['Добавить клиента', 'addCustomer', ''],
    ['end relationship', 'endRelationship', ''], ['Beziehung beenden', 'endRelationship', ''], ['删除经销商关系', 'endRelationship', ''], ['удалить связь', 'endRelationship', ''],
  ])('"%s" → %s', (text, command, argument) => {
    expect(recognizer.recognize(text)).toEqual({ command, argument });
  });

  it.each([
    ['Kundenliste contoso', 'customerList', 'contoso'],
    ['Kundenliste   Müller  GmbH ', 'customerList', 'Müller GmbH'],
    ['客户列表 星辰', 'customerList', '星辰'],
    ['客户列表星辰', 'customerList', '星辰'],
    ['список клиентов Северный', 'customerList', 'Северный'],
    ['end the relationship with Contoso', 'endRelationship', 'Contoso'],
    ['Sprache Deutsch', 'language', 'Deutsch'],
  ])('"%s" → %s with argument "%s" as typed', (text, command, argument) => {
    expect(recognizer.recognize(text)).toEqual({ command, argument });
  });

  it('prefers the longest phrase: "add customer" is not "customers …"', () => {
    expect(recognizer.recognize('add a new customer')?.command).toBe('addCustomer');
    expect(recognizer.recognize('customers')?.command).toBe('customerList');
  });

  it.each(['', '   ', 'helpful tips', 'customersupport', 'what can you do', 'Kundenlistefoo'])('"%s" is no command', (text) => {
    expect(recognizer.recognize(text)).toBeUndefined();
  });

  it('refuses a phrase list in which one phrase means two commands', () => {
    expect(() => new CommandRecognizer({ en: { help: ['stop'], cancel: ['Stop'] } }, ['help', 'cancel'])).toThrow(/means both/);
  });
});
