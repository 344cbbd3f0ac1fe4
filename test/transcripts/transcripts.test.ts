import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/paths.js';
import { CLIENT_LOCALE, LANGUAGES, runTranscript, type Transcript } from './runner.js';

/** Every scripts/*.transcript.ts, replayed in every language: adding a flow means adding a script, nothing here. */
const dir = path.join(projectRoot(), 'test', 'transcripts', 'scripts');
const files = readdirSync(dir).filter((file) => file.endsWith('.transcript.ts')).sort();
const scripts: Array<[string, Transcript]> = [];
for (const file of files) {
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Transcript };
  if (!module.default?.steps) throw new Error(`${file} must default-export transcript({ name, steps })`);
  scripts.push([module.default.name, module.default]);
}

describe.each(LANGUAGES.map((language) => [CLIENT_LOCALE[language], language] as const))('transcripts in %s', (_locale, language) => {
  it.each(scripts)('%s', async (_name, script) => {
    await runTranscript(script, language);
  });
});
