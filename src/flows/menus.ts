import type { CustomerList } from '../customers/ports.js';
import { offeredTo, type PartnerModels } from '../rules/partnerModel.js';
import { counted } from '../i18n/localizer.js';
import { reportMalformed } from './flow.js';
import type { FlowRegistry } from './flowRegistry.js';
import type { Reply } from './reply.js';
import type { RequestContext } from './requestContext.js';

const MAIN_TASKS: readonly string[] = ['customerList', 'addCustomer'];

/** What the bot shows outside any flow: the main menu, help and the notices every flow shares. */
export class Menus {
  constructor(
    private readonly list: CustomerList,
    private readonly registry: () => FlowRegistry,
    private readonly models: PartnerModels,
  ) {}

  /** The main menu, with the size of the partner's customer list; `notice` leads it (e.g. "I did not understand"). */
  async welcome(ctx: RequestContext, reply: Reply, notice = ''): Promise<void> {
    const { locale } = ctx;
    // Not known before Partner Center's list was read once: the menu then goes without it (and without a sign-in).
    const count = await this.list.count(ctx, 'active');
    const model = await this.models.of(ctx);
    const offered = this.registry().menuFlows.filter((flow) => offeredTo(model, flow.id)).map((flow) => ({ verb: flow.id, title: locale.t(`menu.${flow.id}`) }));
    // The portal's two main tasks lead, the list as the primary action; the rest follow.
    const main = MAIN_TASKS.flatMap((verb) => offered.filter((entry) => entry.verb === verb)).map((entry, i) => ({ ...entry, style: i === 0 ? 'positive' : 'default' }));
    const more = offered.filter((entry) => !MAIN_TASKS.includes(entry.verb));
    reply.card('welcome', { customerCount: count === undefined ? '' : locale.t('welcome.customerCount', counted(locale, count)), notice, main, more });
  }

  help(ctx: RequestContext, reply: Reply): void {
    const { t } = ctx.locale;
    const commands = this.registry().commands.map((command) => ({ word: t(`${command}.0`, { ns: 'commands' }), description: t(`help.commands.${command}`) }));
    reply.card('help', { commands });
  }

  /** A card action the bot cannot use (forged, malformed, or not meant for this card). */
  malformed(ctx: RequestContext, reply: Reply): void {
    reportMalformed(ctx, reply, { showMenu: true });
  }

  /** An answer to a card no step is waiting for (an old card, or a flow this version cannot continue): in Teams the old card says so in its place. */
  stale(ctx: RequestContext, reply: Reply): void {
    reply.notice(ctx.locale.t('notice.staleCard'), { style: 'warning', showMenu: true, placement: 'replace' });
  }

  error(ctx: RequestContext, reply: Reply): void {
    const { t } = ctx.locale;
    reply.notice(t('error.message'), { title: t('error.title'), style: 'attention', showMenu: true });
  }

  /** The shared store (Redis) does not answer: nothing can be read or kept, so no menu either; the user tries again. */
  storeUnavailable(ctx: RequestContext, reply: Reply): void {
    const { t } = ctx.locale;
    reply.notice(t('storeUnavailable.message'), { title: t('storeUnavailable.title'), style: 'attention' });
  }
}
