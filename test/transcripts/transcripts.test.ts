import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/paths.js';
import { REGISTRY } from '../support/registry.js';
import { CLIENT_LOCALE, LANGUAGES, runTranscript, type Channel, type Transcript } from './runner.js';

/** Every scripts/*.transcript.ts, replayed in every language: adding a flow means adding a script, nothing here. */
const dir = path.join(projectRoot(), 'test', 'transcripts', 'scripts');
const files = readdirSync(dir).filter((file) => file.endsWith('.transcript.ts')).sort();
const scripts: Array<[string, Transcript]> = [];
for (const file of files) {
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Transcript };
  if (!module.default?.steps) throw new Error(`${file} must default-export transcript({ name, steps })`);
  scripts.push([module.default.name, module.default]);
}

const pressed: Record<Channel, Set<string>> = { emulator: new Set(), msteams: new Set() };
const CHANNELS: Channel[] = ['emulator', 'msteams'];

describe.each(CHANNELS)('on %s', (channel) => {
  describe.each(LANGUAGES.map((language) => [CLIENT_LOCALE[language], language] as const))('transcripts in %s', (_locale, language) => {
    it.each(scripts.filter(([, script]) => (script.channels ?? CHANNELS).includes(channel)))('%s', async (_name, script) => {
      for (const verb of await runTranscript(script, language, channel)) pressed[channel].add(verb);
    });
  });
});

/** Commands no card offers: they are only typed. */
const TYPED_ONLY = ['cancel', 'notificationsOn', 'notificationsOff', 'signIn', 'signOut', 'requestTransfer'];
/**
 * Verbs no single-user script on the embedded backend can reach: a corrected address comes from Partner
 * Center only, and a conflict needs a second user saving meanwhile. test/http/updateCustomer.test.ts presses
 * them (as the Emulator does, Action.Submit). Adding users needs an attached file and a job that reports
 * outside the turn, which a TestAdapter has no channel for: test/http/addUsers.test.ts presses those verbs.
 * The indirect resellers button is on the menu of an indirect provider only (the transcripts run as a direct
 * partner): test/http/indirectPartners.test.ts presses it.
 */
const ELSEWHERE_TOO = ['indirectResellers'];
/** Accepting needs the other sandbox partner's side, and paging more than ten requests: test/http/transfers.test.ts presses both. */
const TRANSFER_VERBS = ['transfers.accept', 'transfers.page'];
const ADD_USERS_VERBS = ['addUsers', 'addUsers.choose', 'addUsers.create', 'addUsers.cancel', 'assignLicences', 'assignLicences.choose', 'assignLicences.assign', 'assignLicences.cancel'];
const ELSEWHERE = ['updateCustomer.useSuggested', 'updateCustomer.keepMine', 'updateCustomer.reapply', 'updateCustomer.drop', ...ADD_USERS_VERBS, ...ELSEWHERE_TOO, ...TRANSFER_VERBS];

// Runs after the transcripts above (jest keeps a file's order): together they press every button both ways.
describe('the transcripts, together', () => {
  it.each(CHANNELS)('press every verb of every flow, and every command, on %s (Action.Submit in the Emulator, Action.Execute in Teams)', (channel) => {
    const missing = REGISTRY.verbs.filter((verb) => !TYPED_ONLY.includes(verb) && !ELSEWHERE.includes(verb) && !pressed[channel].has(verb));
    expect(missing).toEqual([]);
  });
});
