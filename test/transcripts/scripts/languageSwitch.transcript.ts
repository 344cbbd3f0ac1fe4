import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { transcript } from '../runner.js';

/**
 * Switching language on the picker card, in the middle of adding a customer: the wizard comes back in the
 * new language and goes on in it, and the choice is remembered (the client keeps sending its own locale).
 */
export default transcript({
  name: 'languageSwitch',
  steps: [
    { user: { command: 'addCustomer' } },
    { expect: { card: [{ key: 'addCustomer.progress', params: { step: 1, steps: 5, name: { key: 'addCustomer.steps.company' } } }] } },

    { user: { command: 'language' } },
    { expect: { card: ['language.title', 'language.prompt', 'language.names.en', 'language.names.de', 'language.names.zh', 'language.names.ru'] } },

    { press: { language: 'next' } }, // from here on the runner speaks the next language
    { expect: { replies: 2, reply: 0, card: ['language.changed'], absent: ['menu.show'] } },
    { expect: { card: ['addCustomer.title', { key: 'addCustomer.progress', params: { step: 1, steps: 5, name: { key: 'addCustomer.steps.company' } } }, 'addCustomer.fields.country'] } },

    { press: 'addCustomer.buttons.next', inputs: { country: 'DE', companyName: 'Nordlicht Software GmbH', domainPrefix: 'nordlichtsoftware' } },
    { expect: { card: [{ key: 'addCustomer.progress', params: { step: 2, steps: 5, name: { key: 'addCustomer.steps.address' } } }, 'addCustomer.fields.addressLine1'] } },
    { user: { command: 'cancel' } },
    { expect: { card: ['cancel.done'] } },

    { user: { command: 'menu' } },
    { expect: { card: ['welcome.title', { key: 'welcome.customerCount', params: { count: 21 } }, 'menu.language'] } },
    {
      expect: {
        stored: ({ dataDir, language }) => {
          const dir = path.join(dataDir, 'users');
          const saved = readdirSync(dir).map((file) => readFileSync(path.join(dir, file), 'utf8'));
          expect(saved.join('\n')).toMatch(new RegExp(`"language":\\s*"${language}"`));
        },
      },
    },
  ],
});
