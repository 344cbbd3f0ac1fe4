/** Microsoft's local test tools send fixed fake tenants: without credentials they are the sandbox; every other tenant stays apart. */
import type { Activity } from 'botbuilder';
import { LOCAL_TOOL_TENANT_IDS, partnerTenantOf, SANDBOX_TENANT_ID, sandboxTenantsOf } from '../../src/bot/tenancy.js';
import { cardText } from '../support/cards.js';
import { startTestBot, type TestBot } from '../support/runtime.js';

const PLAYGROUND = { channelId: 'msteams', channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000001' } }, conversation: { id: 'playground', tenantId: '00000000-0000-0000-0000-0000000000001' } as Activity['conversation'] };
const OTHER_TENANT = { channelId: 'msteams', channelData: { tenant: { id: '6b1a2f3c-0d4e-4f5a-8b6c-7d8e9f0a1b2c' } }, conversation: { id: 'real-partner', tenantId: '6b1a2f3c-0d4e-4f5a-8b6c-7d8e9f0a1b2c' } as Activity['conversation'] };

describe('sandbox tenants', () => {
  it('are the local tools\' fixed ids only where nothing real can come, or exactly what SANDBOX_TENANT_IDS names', () => {
    expect([...sandboxTenantsOf(undefined, true)]).toEqual([...LOCAL_TOOL_TENANT_IDS]);
    expect([...sandboxTenantsOf(undefined, false)]).toEqual([]);
    expect([...sandboxTenantsOf('none', true)]).toEqual([]);
    expect([...sandboxTenantsOf(' a-1 , b-2,', false)]).toEqual(['a-1', 'b-2']);
    const sandbox = sandboxTenantsOf(undefined, true);
    expect(partnerTenantOf(PLAYGROUND, sandbox)).toBe(SANDBOX_TENANT_ID);
    expect(partnerTenantOf(PLAYGROUND, new Set())).toBe('00000000-0000-0000-0000-0000000000001');
    expect(partnerTenantOf(OTHER_TENANT, sandbox)).toBe('6b1a2f3c-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
    expect(partnerTenantOf({}, sandbox)).toBe(SANDBOX_TENANT_ID);
  });

  describe('through the bot', () => {
    let bot: TestBot;
    afterEach(async () => bot?.close(true));

    it('the Agents Playground\'s tenant sees the demo customers and has the sandbox roles; a real tenant sees none and is told how roles are assigned', async () => {
      bot = await startTestBot();
      const [list] = await bot.send({ ...PLAYGROUND, text: 'customer list', locale: 'en-US' });
      expect(cardText(list)).toContain('21 customers');
      const [check] = await bot.send({ ...PLAYGROUND, text: 'end the relationship with Cerámica', locale: 'en-US' });
      expect(cardText(check)).toContain('Remove the reseller relationship with Cerámica Levante S.L.?');

      const [empty] = await bot.send({ ...OTHER_TENANT, text: 'customer list', locale: 'en-US' });
      expect(cardText(empty)).toContain('No customers yet');
      const [refused] = await bot.send({ ...OTHER_TENANT, text: 'end the relationship with Cerámica', locale: 'de-DE' });
      expect(cardText(refused)).toContain('Zum Entfernen einer Vertriebspartnerbeziehung ist eine dieser Rollen erforderlich: Administrator-Agent oder Globaler Administrator. In dieser Installation weist die Rollendatei des Bots (ROLE_ASSIGNMENTS_FILE) die Rollen zu');
    });

    it('SANDBOX_TENANT_IDS=none keeps the Playground\'s tenant apart like any other', async () => {
      bot = await startTestBot({ env: { SANDBOX_TENANT_IDS: 'none' } });
      const [list] = await bot.send({ ...PLAYGROUND, text: 'customer list', locale: 'en-US' });
      expect(cardText(list)).toContain('No customers yet');
    });

    it.each([
      ['en-US', 'This is the local sandbox: everyone here has the roles set in SANDBOX_ROLES'],
      ['zh-CN', '这是本地沙盒：此处所有人都拥有 SANDBOX_ROLES 中设置的角色'],
      ['ru-RU', 'Это локальная песочница: здесь у всех роли из параметра SANDBOX_ROLES'],
    ])('%s: a sandbox user without the role is told the roles come from SANDBOX_ROLES', async (locale, how) => {
      bot = await startTestBot({ env: { SANDBOX_ROLES: 'salesAgent' } });
      const [refused] = await bot.send({ text: 'end relationship', locale });
      expect(cardText(refused)).toContain(how);
    });
  });
});
