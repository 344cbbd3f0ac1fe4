import { transcript } from '../runner.js';

/** A button on a superseded card is refused with a notice and changes nothing; the newest card still works, once. */
export default transcript({
  name: 'staleCard',
  // Emulator only: it presses cards that Teams has replaced in place by then.
  channels: ['emulator'],
  steps: [
    { user: { command: 'language' }, as: 'first picker' },
    { user: { command: 'language' }, as: 'second picker' },
    { expect: { card: ['language.title'] } },

    // Every card's lang is checked: the refused press leaves the language as it was.
    { press: 'language.names.ru', on: 'first picker' },
    { expect: { replies: 1, card: ['notice.staleCard', 'menu.show'], absent: ['language.changed'] } },

    { press: { language: 'next' }, on: 'second picker' },
    { expect: { replies: 2, reply: 0, card: ['language.changed'] } },
    // A card that was answered is spent, too (its buttons are still in the language it was sent in).
    { press: 'language.names.en', on: 'second picker' },
    { expect: { replies: 1, card: ['notice.staleCard'] } },

    { user: { command: 'menu' } },
    { expect: { card: ['welcome.title'] } },
  ],
});
