import type { LanguageNames } from '../../i18n/languageNames.js';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../../i18n/languages.js';
import type { Localizer } from '../../i18n/localizer.js';
import { done, show, type Answer, type CardFlow, type CardView, type FlowOptions, type Step } from '../flow.js';
import type { Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';
import type { LanguagePreferences } from './languagePreferences.js';

const VERBS = ['language.choose'] as const;
export type LanguageVerb = (typeof VERBS)[number];

/** The picker keeps nothing: its card is built from the turn's language. */
type PickerState = Record<string, never>;

export interface LanguageFlowDeps {
  preferences: LanguagePreferences;
  localizer: Localizer;
  languageNames: LanguageNames;
}

/**
 * Lets the user pick the bot's language and remembers it for later
 * conversations. It runs over a flow in progress, which is shown again in the
 * new language afterwards.
 */
export class LanguageFlow implements CardFlow<PickerState, LanguageVerb> {
  readonly kind = 'card';
  readonly id = 'language';
  readonly verbs = VERBS;
  readonly menu = false;
  readonly onDetails = false;
  readonly overlay = true;

  constructor(private readonly deps: LanguageFlowDeps) {}

  /** Skips the picker when the command already named a language ("language Deutsch"). */
  async start(ctx: RequestContext, { argument }: FlowOptions, reply: Reply): Promise<Step<PickerState>> {
    const requested = this.deps.languageNames.match(argument);
    if (!requested) return show({});
    await this.apply(ctx, requested, reply);
    return done();
  }

  card(ctx: RequestContext): CardView {
    const { t, language } = ctx.locale;
    const choices = SUPPORTED_LANGUAGES.map((code) => ({ code, name: t(`language.names.${code}`) }));
    return { template: 'language', data: { choices, current: t('language.current', { language: t(`language.names.${language}`) }) } };
  }

  readable(state: unknown): state is PickerState {
    return typeof state === 'object' && state !== null;
  }

  async answer(ctx: RequestContext, _state: PickerState, answer: Answer<LanguageVerb>, reply: Reply): Promise<Step<PickerState>> {
    const chosen = answer.kind === 'text' ? this.deps.languageNames.match(answer.text) : isLanguage(answer.data.language) ? answer.data.language : undefined;
    if (!chosen) {
      reply.notice(ctx.locale.t('language.notRecognized'), { style: 'warning' });
      return show({});
    }
    await this.apply(ctx, chosen, reply);
    return done();
  }

  private async apply(ctx: RequestContext, language: Language, reply: Reply): Promise<void> {
    await this.deps.preferences.setLanguage(ctx.conversation.channelId, ctx.user.key, language);
    // The rest of this turn (and the flow shown again under the picker) speaks the new language.
    ctx.locale = this.deps.localizer.forLanguage(language, ctx.locale.timeZone);
    // The router shows the flow under the picker again, or else the welcome: no menu button needed here.
    reply.notice(ctx.locale.t('language.changed'), { style: 'good' });
  }
}
