import type { IndirectRelationships } from '../customers/ports.js';
import type { PartnerModels } from '../rules/partnerModel.js';
import { done, type Flow } from './flow.js';
import type { Reply } from './reply.js';
import type { RequestContext } from './requestContext.js';

/**
 * A flow Partner Center does not let an indirect reseller use (removing a
 * relationship, transfers), guarded per turn: for an indirect reseller its
 * command or a button from an old card explains that the provider does it,
 * naming the provider where Partner Center tells; everyone else gets the
 * flow. (Not offering it on the menu and the details card is `offeredTo`.)
 */
export function explainedForResellers(flow: Flow, models: PartnerModels, indirect: IndirectRelationships): Flow {
  const explain = async (ctx: RequestContext, reply: Reply) => {
    const { t } = ctx.locale;
    reply.notice(t('partnerModel.resellerCannot', { task: t(`menu.${flow.id}`), provider: await providerNames(ctx, indirect) }), { style: 'warning', showMenu: true });
  };
  const reseller = async (ctx: RequestContext) => (await models.of(ctx)) === 'indirectReseller';
  // The flow itself answers everything else: its prototype keeps its methods and state.
  const guarded = Object.create(flow) as Flow;
  if (flow.kind === 'view') {
    Object.assign(guarded, {
      start: async (ctx: RequestContext, options: never, reply: Reply) => ((await reseller(ctx)) ? explain(ctx, reply) : flow.start(ctx, options, reply)),
      act: async (ctx: RequestContext, verb: never, data: never, reply: Reply) => ((await reseller(ctx)) ? explain(ctx, reply) : flow.act(ctx, verb, data, reply)),
    });
  } else {
    Object.assign(guarded, {
      start: async (ctx: RequestContext, options: never, reply: Reply) => {
        if (!(await reseller(ctx))) return flow.start(ctx, options, reply);
        await explain(ctx, reply);
        return done();
      },
    });
  }
  return guarded;
}

/** An indirect reseller's providers by name, as Partner Center tells them, or "your indirect provider". */
export async function providerNames(ctx: RequestContext, indirect: IndirectRelationships): Promise<string> {
  const providers = await indirect.providers(ctx);
  return providers.map((p) => p.name).join(', ') || ctx.locale.t('partnerModel.yourProvider');
}
