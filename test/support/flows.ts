import path from 'node:path';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CardRenderer } from '../../src/cards/cardRenderer.js';
import { CardPrompt, type CardPromptResult } from '../../src/dialogs/cardPrompt.js';
import { createI18n, loadLocaleResources } from '../../src/i18n/i18n.js';
import { projectRoot } from '../../src/paths.js';

/** The project's real cards and strings, for dialogs built in tests. */
export function projectCardRenderer(): CardRenderer {
  const root = projectRoot();
  return new CardRenderer(path.join(root, 'cards'), createI18n(loadLocaleResources(path.join(root, 'locales'))));
}

/**
 * A stand-in flow for router tests: waits on a card (the language card serves
 * as one) and records the answer, or throws there when `fail` is set.
 */
export class WaitingFlow extends ComponentDialog {
  readonly answers: unknown[] = [];

  constructor(id = 'waitingFlow', private readonly fail = false) {
    super(id);
    this.addDialog(new CardPrompt('flowCard', projectCardRenderer()));
    this.addDialog(
      new WaterfallDialog('steps', [
        async (step: WaterfallStepContext) =>
          step.beginDialog('flowCard', { card: 'language', data: { choices: [{ code: 'en', name: 'English' }, { code: 'de', name: 'Deutsch' }], current: '' } }),
        async (step: WaterfallStepContext) => {
          if (this.fail) throw new Error('simulated failure inside a dialog');
          const result = step.result as CardPromptResult;
          this.answers.push(result.kind === 'submit' ? result.value.language : result.text);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'steps';
  }
}

export const failingFlow = (): WaitingFlow => new WaitingFlow('failingFlow', true);
