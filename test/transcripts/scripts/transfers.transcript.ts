import { transcript } from '../runner.js';

const CASCADE = 'Cascade Timberworks LLC';
const THAMES = 'Thames Valley Analytics Ltd';

/**
 * Transfer requests as the demo partner: the received request from the second sandbox partner (Litware)
 * opened and rejected; the sent tab; a new request for Thames Valley found by search, with a form error,
 * eligibility with reasons, the legacy Azure checklist and back, sent, then cancelled; the typed command
 * with a customer, closed. Accepting (which needs Litware's side) and paging: test/http/transfers.test.ts.
 */
export default transcript({
  name: 'transfers',
  steps: [
    { user: { command: 'menu' } },
    { press: 'menu.transfers' },
    { expect: { card: ['transfers.title', 'transfers.showingReceived', { text: CASCADE }, 'transfers.status.pending', 'transfers.status.expired'] } },
    { press: 'transfers.buttons.open', within: { text: CASCADE } },
    { expect: { card: [{ key: 'transfers.detailsTitle', params: { company: CASCADE } }, 'transfers.chooseLabel', 'transfers.reasons.reservation'] } },
    { press: 'transfers.buttons.reject' },
    { expect: { card: [{ key: 'transfers.rejected', params: { company: CASCADE } }, 'transfers.status.rejected'] } },

    { press: 'transfers.tabs.sent' },
    { expect: { card: ['transfers.showingSent', { text: 'Zürcher Präzisionsoptik AG' }, 'transfers.status.completed'] } },
    { press: 'transfers.buttons.new' },
    { expect: { card: ['transfers.newTitle', 'transfers.pickIntro'] } },
    { press: 'customerList.searchButton', inputs: { term: 'Thames' } },
    { expect: { card: [{ key: 'transfers.formTitle', params: { company: THAMES } }, 'transfers.prerequisites'] } },
    { press: 'transfers.buttons.check', inputs: { partner: 'nobody.onmicrosoft.com', customerEmail: 'it@thamesvalley.example' } },
    { expect: { card: ['transfers.errors.partnerUnknown'] } },
    { press: 'transfers.buttons.check', inputs: { partner: 'litwarecloud.onmicrosoft.com' } },
    { expect: { card: [{ key: 'transfers.eligibilityTitle', params: { company: THAMES } }, 'transfers.canMove', 'transfers.reasons.reservation', 'transfers.reasons.marketplace', 'transfers.reasons.legacyAzure', 'transfers.consequences'] } },
    { press: 'transfers.buttons.legacy' },
    { expect: { card: [{ key: 'transfers.legacy.title', params: { company: THAMES } }, 'transfers.legacy.ticketValues', { text: '5e0c3a52-7d7e-4f0e-9b1a-2f6d0c3e8a05' }] } },
    { press: 'transfers.buttons.back' },
    { expect: { card: ['transfers.reasons.legacyAzure'] } },
    { press: 'transfers.buttons.back' },
    { expect: { card: [{ key: 'transfers.formTitle', params: { company: THAMES } }], inputs: { partner: 'litwarecloud.onmicrosoft.com' } } },
    { press: 'transfers.buttons.check' },
    { press: 'transfers.buttons.send' },
    { expect: { card: ['transfers.showingSent', { text: THAMES }, 'transfers.status.pending'] } },
    { press: 'transfers.buttons.open', within: { text: THAMES } },
    { press: 'transfers.buttons.cancelRequest' },
    { expect: { card: [{ key: 'transfers.cancelled', params: { company: THAMES } }, 'transfers.status.cancelled'] } },
    { press: 'transfers.buttons.open', within: { text: THAMES } },
    { expect: { absent: ['transfers.buttons.cancelRequest'] } },
    { press: 'transfers.buttons.back' },
    { press: 'transfers.buttons.close' },
    { expect: { card: ['transfers.closed'] } },

    { user: { command: 'requestTransfer', argument: 'Thames' } },
    { expect: { card: [{ key: 'transfers.formTitle', params: { company: THAMES } }] } },
    { press: 'transfers.buttons.cancel' },
    { expect: { card: ['transfers.closed'] } },

    // From a customer's details card.
    { user: { command: 'customerList', argument: 'Thames' } },
    { press: 'customerList.openDetails' },
    { press: 'transfers.requestForCustomer' },
    { expect: { card: [{ key: 'transfers.formTitle', params: { company: THAMES } }] } },
    { press: 'transfers.buttons.cancel' },
  ],
});
