import { AuditLog } from '../../../src/audit/auditLog.js';
import { transcript } from '../runner.js';

const MUELLER = 'Müller Maschinenbau GmbH';
const CERAMICA = 'Cerámica Levante S.L.';
const DOMAIN = 'ceramicalevante.onmicrosoft.com';

/**
 * Removing a reseller relationship, in Teams: a blocked customer shows what blocks it; a clean one is removed
 * after a reason and the typed domain, the confirmation card turns into the summary, and the customer moves
 * to the ended relationships.
 */
export default transcript({
  name: 'endRelationship',
  steps: [
    { user: { command: 'endRelationship', argument: MUELLER } },
    {
      expect: {
        replies: 1,
        card: [
          { key: 'endRelationship.blockedTitle', params: { company: MUELLER } },
          'endRelationship.blockedIntro',
          { text: 'Microsoft 365 Business Premium' },
          'endRelationship.actions.cancelNewCommerce',
          'endRelationship.actions.cancelAzurePlan',
          'endRelationship.actions.cancelReservation',
          'endRelationship.actions.cancelSoftware',
          'endRelationship.blockedOutro',
        ],
      },
    },
    { expect: { list: { total: 21, includes: [MUELLER] } } },

    { user: { command: 'endRelationship' } },
    { expect: { card: ['endRelationship.title', 'endRelationship.pickPrompt', 'endRelationship.searchLabel'] } },
    { press: 'endRelationship.search', inputs: { searchTerm: 'ceramica' } },
    {
      expect: {
        card: [{ key: 'endRelationship.checkTitle', params: { company: CERAMICA } }, { text: DOMAIN }, 'endRelationship.happensHeading', 'endRelationship.notRemovedHeading', 'endReason.customerRequest'],
        // In Teams each step takes the place of the card it answers (Action.Execute).
        replaced: true,
      },
    },

    { press: 'endRelationship.continue', inputs: { reason: 'customerRequest' } },
    { expect: { card: ['endRelationship.confirmTitle', { key: 'endRelationship.confirmInstruction', params: { domain: DOMAIN } }, 'endReason.customerRequest', 'endRelationship.confirmButton'] } },

    // A wrong domain changes nothing.
    { press: 'endRelationship.confirmButton', inputs: { confirmDomain: 'ceramica.onmicrosoft.com' }, as: 'confirmation' },
    { expect: { card: [{ key: 'endRelationship.mismatch', params: { domain: DOMAIN } }] } },
    { expect: { list: { total: 21, includes: [CERAMICA] } } },

    { press: 'endRelationship.confirmButton', inputs: { confirmDomain: DOMAIN.toUpperCase() } },
    {
      expect: {
        replies: 1,
        replaced: true,
        card: ['endRelationship.doneTitle', { key: 'endRelationship.doneReason', params: { reason: { key: 'endReason.customerRequest' } } }, 'endRelationship.doneReminder'],
        absent: ['endRelationship.confirmButton'],
      },
    },
    {
      expect: {
        list: { relationship: 'ended', total: 5, includes: [CERAMICA, 'Schäfer & Söhne Logistik KG'] },
        stored: async ({ directory, dataDir, tenant }) => {
          expect(await directory.count(tenant, 'active')).toBe(20);
          expect(await new AuditLog(dataDir).entries(tenant)).toEqual([
            expect.objectContaining({ action: 'endRelationship', actor: 'user-1', companyName: CERAMICA, reason: 'customerRequest' }),
          ]);
        },
      },
    },

    // From the summary, the list comes as a new message: the summary (and its reminder) stays in the chat.
    { press: 'customerList.showEnded' },
    { expect: { replaced: false, card: ['customerList.titleEnded', { key: 'customerList.count', params: { count: 5 } }, { text: CERAMICA }, { text: 'Schäfer & Söhne Logistik KG' }] } },
    { user: { command: 'customerList', argument: 'ceramica' } },
    { expect: { card: [{ key: 'customerList.noMatch', params: { term: 'ceramica' } }] } },
  ],
});
