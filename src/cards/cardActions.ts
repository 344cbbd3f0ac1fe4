import type { ActionStamp } from '../flows/reply.js';

type Json = Record<string, unknown>;

/**
 * Makes a card's actions what its host needs, after templating:
 * - a flow card's own actions get the stamp (which showing they answer, whose flow it is);
 * - for Teams, every Action.Submit becomes an Action.Execute (Universal Actions: the
 *   answer comes back as an invoke and the card is updated in place) with the
 *   original Action.Submit as its `fallback`, for clients that lack Execute.
 * Templates keep writing plain Action.Submit with `data.verb`, so one router
 * serves both paths.
 */
export function prepareActions(card: Json, options: { stamp?: ActionStamp; execute: boolean }): Json {
  // Nothing to change (an Emulator card of no flow): the freshly expanded card as it is.
  if (!options.stamp && !options.execute) return card;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const element = node as Json;
    const copy: Json = {};
    for (const [key, value] of Object.entries(element)) copy[key] = key === 'data' ? value : visit(value);
    return copy.type === 'Action.Submit' ? submitAction(copy, options) : copy;
  };
  return visit(card) as Json;
}

function submitAction(action: Json, { stamp, execute }: { stamp?: ActionStamp; execute: boolean }): Json {
  const data = (action.data && typeof action.data === 'object' ? action.data : {}) as Json;
  const verb = typeof data.verb === 'string' ? data.verb : undefined;
  const stamped = stamp && verb?.startsWith(stamp.verbPrefix) ? { ...data, ...definedFields(stamp.fields) } : data;
  const submit: Json = { ...action, data: stamped };
  if (!execute || !verb) return submit;
  const { type: _type, data: _data, ...rest } = submit;
  return { ...rest, type: 'Action.Execute', verb, data: stamped, fallback: submit };
}

const definedFields = (fields: Record<string, string | undefined>): Json =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
