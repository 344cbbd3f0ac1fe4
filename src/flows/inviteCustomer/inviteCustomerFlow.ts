import type { IndirectRelationships, RelationshipRequests } from '../../customers/ports.js';
import type { PartnerModels } from '../../rules/partnerModel.js';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../../i18n/languages.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { PartnerCloud } from '../../rules/clouds.js';
import { delegatedAdminRequired } from '../../rules/invitationLinks.js';
import type { PartnerRole } from '../../rules/permissions.js';
import { done, malformedAnswer, show, type Answer, type CardFlow, type CardView, type FlowOptions, type Step } from '../flow.js';
import type { Reply } from '../reply.js';
import type { RequestContext } from '../requestContext.js';

const VERBS = ['inviteCustomer.draft', 'inviteCustomer.back', 'inviteCustomer.done', 'inviteCustomer.cancel'] as const;
export type InviteCustomerVerb = (typeof VERBS)[number];
/** Partner Center's matrix for requesting a reseller relationship (domain.md §2). */
export const INVITE_ROLES: readonly PartnerRole[] = ['adminAgent', 'globalAdmin'];

interface InviteState {
  stage: 'options' | 'draft';
  delegatedAdmin: boolean;
  /** The language the customer reads: the e-mail is written in it, whatever the user's own. */
  emailLanguage: Language;
  link?: string;
  /** An indirect provider inviting on behalf of one of its resellers. */
  reseller?: { id: string; name: string };
  /** An indirect reseller's provider, authorized by the same link. */
  provider?: { id: string; name: string };
}

type Outcome = Step<InviteState>;

export interface InviteCustomerFlowDeps {
  requests: RelationshipRequests;
  indirect: IndirectRelationships;
  models: PartnerModels;
  cloud: PartnerCloud;
  localizer: Localizer;
}

/**
 * Partner Center's "Request a reseller relationship": for a customer that
 * already has a Microsoft tenant. The user chooses whether delegated admin
 * privileges are included and the language the customer reads; the bot gets
 * the partner's invitation link and writes the e-mail in that language, to
 * copy or open in a mail app. The link is the same for every customer.
 */
export class InviteCustomerFlow implements CardFlow<InviteState, InviteCustomerVerb> {
  readonly kind = 'card';
  readonly id = 'inviteCustomer';
  readonly verbs = VERBS;
  readonly menu = true;
  readonly onDetails = false;
  readonly roles = INVITE_ROLES;

  constructor(private readonly deps: InviteCustomerFlowDeps) {}

  readable(state: unknown): state is InviteState {
    const s = state as Partial<InviteState> | undefined;
    return (s?.stage === 'options' || s?.stage === 'draft') && typeof s.delegatedAdmin === 'boolean' && isLanguage(s.emailLanguage);
  }

  async start(ctx: RequestContext, options: FlowOptions, reply: Reply): Promise<Outcome> {
    const base: InviteState = { stage: 'options', delegatedAdmin: true, emailLanguage: ctx.locale.language };
    const model = await this.deps.models.of(ctx);
    if (model === 'indirectReseller') {
      // One link authorizes the reseller and its provider.
      const [provider] = await this.deps.indirect.providers(ctx);
      return show({ ...base, ...(provider ? { provider: { id: provider.id, name: provider.name } } : {}) });
    }
    const resellerId = options.data?.indirectResellerId;
    if (typeof resellerId !== 'string' || model !== 'indirectProvider') return show(base);
    // Only one of this provider's own resellers: an id from a forged button is refused.
    const reseller = (await this.deps.indirect.resellers(ctx)).find((r) => r.id === resellerId);
    if (!reseller) {
      reply.notice(ctx.locale.t('notice.malformedAction'), { style: 'warning', showMenu: true });
      return done();
    }
    return show({ ...base, reseller: { id: reseller.id, name: reseller.name } });
  }

  async answer(ctx: RequestContext, state: InviteState, answer: Answer<InviteCustomerVerb>, reply: Reply): Promise<Outcome> {
    const { t } = ctx.locale;
    if (answer.kind !== 'action') {
      reply.notice(t('inviteCustomer.useTheCard'));
      return show(state);
    }
    switch (`${state.stage}:${answer.verb}`) {
      case 'options:inviteCustomer.draft': {
        const { emailLanguage } = answer.data;
        if (!isLanguage(emailLanguage)) return malformedAnswer(ctx, reply, state);
        // Where delegated admin privileges are mandatory, a forged "false" changes nothing.
        const delegatedAdmin = delegatedAdminRequired(this.deps.cloud) || answer.data.delegatedAdmin !== 'false';
        const link = await this.deps.requests.invitationLink(ctx, { delegatedAdmin, ...(state.reseller ? { indirectResellerId: state.reseller.id } : {}), ...(state.provider ? { indirectProviderId: state.provider.id } : {}) });
        return show({ ...state, stage: 'draft', delegatedAdmin, emailLanguage, link });
      }
      case 'draft:inviteCustomer.back':
        return show({ ...state, stage: 'options', link: undefined });
      case 'draft:inviteCustomer.done':
        reply.notice(t('inviteCustomer.sent'), { style: 'good', showMenu: true });
        return done();
      default:
        if (answer.verb === 'inviteCustomer.cancel') {
          reply.notice(t('inviteCustomer.cancelled'), { showMenu: true });
          return done();
        }
        return malformedAnswer(ctx, reply, state);
    }
  }

  card(ctx: RequestContext, state: InviteState): CardView {
    const { t } = ctx.locale;
    if (state.stage === 'options') {
      const required = delegatedAdminRequired(this.deps.cloud);
      return {
        template: 'inviteCustomerOptions',
        data: {
          when: t('inviteCustomer.when'),
          indirect: state.reseller ? t('inviteCustomer.onBehalfOf', { reseller: state.reseller.name }) : state.provider ? t('inviteCustomer.withProvider', { provider: state.provider.name }) : '',
          delegatedAdmin: String(state.delegatedAdmin),
          // Where it cannot be turned off, there is no switch: the card says so.
          offerChoice: !required,
          requiredNote: required ? t('inviteCustomer.delegatedAdminRequired') : '',
          gdapNote: t('inviteCustomer.gdapNote'),
          emailLanguage: state.emailLanguage,
          languages: SUPPORTED_LANGUAGES.map((code) => ({ title: t(`language.names.${code}`), value: code })),
        },
      };
    }
    const { subject, body } = this.email(ctx, state);
    const language = state.emailLanguage;
    return {
      template: 'inviteCustomerDraft',
      data: {
        title: t('inviteCustomer.draftTitle', { language: t(`language.names.${language}`) }),
        intro: t('inviteCustomer.draftIntro'),
        subject,
        body,
        link: state.link,
        mailto: `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`,
      },
    };
  }

  /** The e-mail in the customer's language: what the invitation is, the link, and what their Global admin does. */
  private email(ctx: RequestContext, state: InviteState): { subject: string; body: string } {
    const { t } = this.deps.localizer.forLanguage(state.emailLanguage);
    const sender = ctx.user.name || t('inviteCustomer.email.yourPartner');
    const privileges = state.delegatedAdmin ? t('inviteCustomer.email.withDelegatedAdmin') : t('inviteCustomer.email.withoutDelegatedAdmin');
    return { subject: t('inviteCustomer.email.subject'), body: t('inviteCustomer.email.body', { sender, link: state.link ?? '', privileges }) };
  }
}
