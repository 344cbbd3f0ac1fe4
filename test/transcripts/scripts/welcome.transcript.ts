import { transcript } from '../runner.js';

/** The greeting when the user joins, the main menu, help from the menu, and an unknown message. */
export default transcript({
  name: 'welcome',
  steps: [
    { user: 'joins' },
    { expect: { replies: 1, card: ['welcome.title', 'welcome.intro', { key: 'welcome.customerCount', params: { count: 21 } }, 'welcome.prompt'] } },
    { expect: { card: ['menu.customerList', 'menu.addCustomer', 'menu.endRelationship', 'menu.help', 'menu.language'] } },

    { press: 'menu.help' },
    { expect: { card: ['help.title', 'help.commandsHeading', 'help.commands.customerList', 'help.cancelAnytime'] } },

    { user: { command: 'menu' } },
    { expect: { replies: 1, card: ['welcome.title', { key: 'welcome.customerCount', params: { count: 21 } }], absent: ['notice.unknownCommand'] } },

    { user: { text: 'xyzzy' } },
    { expect: { card: ['notice.unknownCommand', 'welcome.title', 'menu.customerList'] } },
  ],
});
