import { transcript } from '../runner.js';

const MUELLER = 'Müller Maschinenbau GmbH';

/** The customer list: pages, search by prefix, a customer's details, and the CSV export through its link. */
export default transcript({
  name: 'customerList',
  steps: [
    { user: { command: 'customerList' } },
    {
      expect: {
        card: ['customerList.title', { key: 'customerList.count', params: { count: 21 } }, { key: 'customerList.page', params: { page: 1, pages: 3 } }, 'customerList.next', 'customerList.showEnded', 'customerList.export'],
        absent: ['customerList.previous'],
      },
    },

    { press: 'customerList.next' },
    { expect: { card: [{ key: 'customerList.page', params: { page: 2, pages: 3 } }, 'customerList.previous', 'customerList.next'] } },
    { press: 'customerList.next' },
    { expect: { card: [{ key: 'customerList.page', params: { page: 3, pages: 3 } }, 'customerList.previous'], absent: ['customerList.next'] } },

    // Prefix search from the card's search box: case- and accent-insensitive.
    { press: 'customerList.searchButton', inputs: { searchTerm: 'mül' } },
    { expect: { card: [{ key: 'customerList.count', params: { count: 1 } }, { key: 'customerList.searchingFor', params: { term: 'mül' } }, { text: MUELLER }, 'customerList.clearSearch'], inputs: { searchTerm: 'mül' } } },
    { user: { command: 'customerList', argument: 'MULL' } },
    { expect: { card: [{ key: 'customerList.count', params: { count: 1 } }, { text: MUELLER }] } },

    { press: 'customerList.openDetails', within: { text: MUELLER } },
    {
      expect: {
        card: [{ text: MUELLER }, { text: 'muellermaschinenbau.onmicrosoft.com' }, 'customerDetails.microsoftId', 'customerDetails.subscriptions', 'relationship.reseller', { text: 'Microsoft 365 Business Premium' }, 'subscriptionStatus.active', 'menu.endRelationship'],
      },
    },

    { press: 'customerDetails.backToList' },
    { expect: { card: ['customerList.title', { key: 'customerList.count', params: { count: 21 } }] } },

    { press: 'customerList.export' },
    { expect: { card: ['export.title', { key: 'export.ready', params: { count: 21 } }, 'export.download'] } },
    { press: 'export.download' },
    { expect: { file: { header: ['export.columns.id', 'export.columns.companyName', 'export.columns.domain', 'export.columns.relationship'], rows: 21, contains: [MUELLER, 'ceramicalevante.onmicrosoft.com'] } } },
  ],
});
