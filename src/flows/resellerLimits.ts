import type { IndirectRelationships } from '../customers/ports.js';
import type { Flow, ViewFlow } from './flow.js';
import type { Reply } from './reply.js';
import type { RequestContext } from './requestContext.js';

/**
 * What an indirect reseller gets for a flow Partner Center does not let it
 * use (removing a relationship): not offered on the menu or the details card,
 * and its command or a button from an old card explains that the provider
 * does it, naming the provider where Partner Center tells.
 */
export function explainedForResellers(flow: Flow, indirect: IndirectRelationships): ViewFlow {
  const explain = async (ctx: RequestContext, reply: Reply) => {
    const { t } = ctx.locale;
    reply.notice(t('partnerModel.resellerCannot', { task: t(`menu.${flow.id}`), provider: await providerNames(ctx, indirect) }), { style: 'warning', showMenu: true });
  };
  return {
    kind: 'view',
    id: flow.id,
    verbs: flow.verbs,
    ...(flow.commands ? { commands: flow.commands } : {}),
    menu: false,
    onDetails: false,
    start: (ctx, _options, reply) => explain(ctx, reply),
    act: (ctx, _verb, _data, reply) => explain(ctx, reply),
  };
}

/** An indirect reseller's providers by name, as Partner Center tells them, or "your indirect provider". */
export async function providerNames(ctx: RequestContext, indirect: IndirectRelationships): Promise<string> {
  const providers = await indirect.providers(ctx);
  return providers.map((p) => p.name).join(', ') || ctx.locale.t('partnerModel.yourProvider');
}
