import { ComponentDialog, WaterfallDialog, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { Responses } from '../bot/responses.js';
import { setTurnLocale, turnLocale, type Localizer } from '../bot/turnLocale.js';
import type { UserPreferences } from '../bot/userPreferences.js';
import type { LanguageNames } from '../i18n/languageNames.js';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../i18n/languages.js';
import { CardPrompt, type CardPromptResult } from './cardPrompt.js';

export const LANGUAGE_DIALOG = 'languageDialog';
const PICKER = 'languagePicker';
const STEPS = 'languageSteps';

export interface LanguageDialogOptions {
  /** What the user typed after the command, e.g. "Deutsch" in "language Deutsch". */
  requested?: string;
}

export interface LanguageDialogDeps {
  cards: CardRenderer;
  responses: Responses;
  preferences: UserPreferences;
  localizer: Localizer;
  languageNames: LanguageNames;
}

/** Lets the user pick the bot's language and remembers the choice for later conversations. */
export class LanguageDialog extends ComponentDialog {
  constructor(private readonly deps: LanguageDialogDeps) {
    super(LANGUAGE_DIALOG);
    this.addDialog(new CardPrompt(PICKER, deps.cards));
    this.addDialog(new WaterfallDialog(STEPS, [this.askStep.bind(this), this.applyStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Skips the picker when the command already named a language. */
  private async askStep(step: WaterfallStepContext<LanguageDialogOptions>): Promise<DialogTurnResult> {
    const requested = this.deps.languageNames.match(step.options?.requested);
    if (requested) return step.next({ kind: 'submit', value: { language: requested } } satisfies CardPromptResult);
    const { language, t } = turnLocale(step.context);
    const choices = SUPPORTED_LANGUAGES.map((code) => ({ code, name: t(`language.names.${code}`) }));
    const current = t('language.current', { language: t(`language.names.${language}`) });
    return step.beginDialog(PICKER, { card: 'language', data: { choices, current } });
  }

  private async applyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const language = this.chosenLanguage(step.result as CardPromptResult);
    if (!language) {
      await this.deps.responses.sendNotice(step.context, turnLocale(step.context).t('language.notRecognized'), { style: 'warning' });
      return step.replaceDialog(STEPS);
    }
    await this.deps.preferences.setLanguage(step.context, language);
    // The rest of this turn (and a dialog resumed under this one) speaks the new language.
    setTurnLocale(step.context, this.deps.localizer.forLanguage(language, turnLocale(step.context).timeZone));
    await this.deps.responses.sendNotice(step.context, turnLocale(step.context).t('language.changed'), { style: 'good', showMenu: true });
    return step.endDialog(language);
  }

  private chosenLanguage(result: CardPromptResult): Language | undefined {
    if (result.kind === 'text') return this.deps.languageNames.match(result.text);
    const chosen = result.value.language;
    return isLanguage(chosen) ? chosen : undefined;
  }
}
