import type { IndirectRelationships } from '../../customers/ports.js';
import { counted } from '../../i18n/localizer.js';
import { countryName, type CountryNameLanguage } from '../../rules/countries.js';
import type { PartnerModels } from '../../rules/partnerModel.js';
import type { FlowOptions, ViewFlow } from '../flow.js';
import { providerNames } from '../resellerLimits.js';
import type { Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';

/** Resellers shown with their agreement status (one Partner Center call each); the rest are counted. */
const MAX_SHOWN = 20;

export interface IndirectResellersFlowDeps {
  indirect: IndirectRelationships;
  models: PartnerModels;
}

/**
 * An indirect provider's resellers (Partner Center: `relationships` of type
 * IsIndirectCloudSolutionProviderOf): name, MPN ID, location, state and
 * whether each signed the Microsoft Partner Agreement, with an invitation on
 * a reseller's behalf. Other partners are told what it is for.
 */
export class IndirectResellersFlow implements ViewFlow<never> {
  readonly kind = 'view';
  readonly id = 'indirectResellers';
  readonly verbs = [] as const;
  /** On an indirect provider's menu only (offeredTo). */
  readonly menu = true;
  readonly onDetails = false;

  constructor(private readonly deps: IndirectResellersFlowDeps) {}

  async start(ctx: RequestContext, _options: FlowOptions, reply: Reply): Promise<void> {
    const { t } = ctx.locale;
    const model = await this.deps.models.of(ctx);
    if (model === 'direct') return void reply.notice(t('indirectResellers.notProvider'), { showMenu: true });
    if (model === 'indirectReseller') return void reply.notice(t('indirectResellers.youAreReseller', { provider: await providerNames(ctx, this.deps.indirect) }), { showMenu: true });
    const all = await this.deps.indirect.resellers(ctx);
    if (all.length === 0) return void reply.notice(t('indirectResellers.none'), { showMenu: true });
    const collator = new Intl.Collator(ctx.locale.formatLocale);
    const shown = [...all].sort((a, b) => collator.compare(a.name, b.name)).slice(0, MAX_SHOWN);
    const signed = await Promise.all(shown.map((r) => this.deps.indirect.agreementSigned(ctx, r.mpnId)));
    const language = ctx.locale.language as CountryNameLanguage;
    reply.card('indirectResellers', {
      title: t('indirectResellers.title'),
      intro: t('indirectResellers.intro', counted(ctx.locale, all.length)),
      resellers: shown.map((r, i) => ({
        id: r.id,
        name: r.name,
        facts: [
          { title: t('indirectResellers.mpnId'), value: r.mpnId || '–' },
          { title: t('indirectResellers.location'), value: r.location ? countryName(r.location, language) : '–' },
          { title: t('indirectResellers.state'), value: stateLabel(ctx, r.state) },
          { title: t('indirectResellers.agreement'), value: signed[i] === true ? t('indirectResellers.signed') : signed[i] === false ? t('indirectResellers.notSigned') : t('indirectResellers.unknown') },
        ],
        invite: t('indirectResellers.invite', { name: r.name }),
      })),
      more: all.length > shown.length ? t('jobs.andMore', counted(ctx.locale, all.length - shown.length)) : '',
    });
  }

  async act(): Promise<void> {
    // It has no verbs of its own: its buttons start the invitation.
  }
}

const STATES = ['active', 'inactive', 'pending', 'suspended'] as const;

/** Partner Center's relationship state ("Active") in the user's language; one it does not document stays as sent. */
function stateLabel({ locale: { t } }: RequestContext, raw: string): string {
  const state = STATES.find((s) => s === raw.toLowerCase());
  return state ? t(`indirectResellers.states.${state}`) : raw || '–';
}
