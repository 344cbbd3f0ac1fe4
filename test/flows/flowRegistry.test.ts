import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FlowRegistry } from '../../src/flows/flowRegistry.js';
import type { ViewFlow } from '../../src/flows/flow.js';
import { projectRoot } from '../../src/paths.js';
import { REGISTRY } from '../support/registry.js';

const view = (id: string, verbs: string[], commands?: string[]): ViewFlow => ({ kind: 'view', id, verbs, commands, menu: false, onDetails: false, start: async () => {}, act: async () => {} });

describe('the flow registry', () => {
  it('every verb a card template carries is declared by a registered flow (or is a command)', () => {
    const dir = path.join(projectRoot(), 'cards');
    const used = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((file) => [...readFileSync(path.join(dir, file), 'utf8').matchAll(/"verb":\s*"([^"$]+)"/g)].map((m) => ({ file, verb: m[1]! })));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter(({ verb }) => !REGISTRY.verbs.includes(verb))).toEqual([]);
  });

  it('builds menu, help and the details card from the flows\' own declarations', () => {
    expect(REGISTRY.menuFlows.map((f) => f.id)).toEqual(['customerList', 'addCustomer', 'inviteCustomer', 'indirectResellers', 'transfers', 'endRelationship']);
    expect(REGISTRY.detailsFlows.map((f) => f.id)).toEqual(['updateCustomer', 'addUsers', 'transfers', 'endRelationship']);
    expect(REGISTRY.commands).toEqual(['menu', 'help', 'cancel', 'customerList', 'addCustomer', 'inviteCustomer', 'indirectResellers', 'updateCustomer', 'addUsers', 'assignLicences', 'transfers', 'requestTransfer', 'endRelationship', 'notificationsOn', 'notificationsOff', 'signIn', 'signOut', 'language']);
    expect(REGISTRY.ownerOf('addCustomer.next')?.id).toBe('addCustomer');
    expect(REGISTRY.startedBy('notificationsOff')?.id).toBe('notifications');
  });

  it('refuses a verb outside the flow\'s own prefix, a verb or command declared twice, and a base command as a flow', () => {
    expect(() => new FlowRegistry([view('a', ['b.x'])])).toThrow(/must start with "a."/);
    expect(() => new FlowRegistry([view('a', ['a.x']), view('b', ['b.x'], ['a'])])).toThrow(/Command "a"/);
    expect(() => new FlowRegistry([view('a', ['a.x', 'a.x'])])).toThrow(/declared twice/);
    expect(() => new FlowRegistry([view('menu', [])])).toThrow(/taken/);
  });
});
