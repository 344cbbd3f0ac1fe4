/**
 * The Teams card contract (docs/teams-platform.md §4), as pure checks over an
 * expanded card's JSON. Each check returns a list of problems, each naming
 * the JSON path; an empty list means the card is fine.
 */

import { estimatedWidth, LABEL_ID_PREFIX, labelWords } from '../../src/cards/labelColumn.js';

export type Card = Record<string, unknown>;

/** Newest Adaptive Card schema Teams renders; a newer card shows nothing. */
export const MAX_TEAMS_VERSION = '1.5';
/** Our budget for one card (Teams' limit is ~100 KB per message, older docs say 40 KB). */
export const MAX_CARD_BYTES = 28 * 1024;

/** The element types our cards use. Anything else must be added here deliberately, after checking Teams supports it. */
export const ALLOWED_ELEMENTS = [
  // No FactSet: the renderer lays facts out in one label column per card (src/cards/labelColumn.ts).
  'TextBlock', 'RichTextBlock', 'TextRun', 'Container', 'ColumnSet', 'Column', 'ActionSet', 'Image',
  'Input.Text', 'Input.ChoiceSet', 'Input.Date', 'Input.Toggle',
] as const;
/** The action types our cards use (Action.Execute only with its Action.Submit fallback, see checkTypes). */
export const ALLOWED_ACTIONS = ['Action.Submit', 'Action.OpenUrl', 'Action.Execute'] as const;

/** Types that are known not to work for this bot in Teams, with the reason shown on failure. */
const UNSUPPORTED_IN_TEAMS: Record<string, string> = {
  Media: 'Teams does not support media elements',
};
/** Action styles: `positive` marks a card's one primary action, `destructive` an action that ends or refuses something. */
const ALLOWED_ACTION_STYLES = ['default', 'positive', 'destructive'];

/** Verbs that end or refuse something for good: always `destructive`, and nothing else is. */
export const DESTRUCTIVE_VERBS: readonly string[] = ['endRelationship.confirm', 'transfers.reject', 'transfers.cancel'];
/** The step forward of each card that has one: `positive` wherever it is shown. */
export const PRIMARY_VERBS: readonly string[] = [
  'addCustomer.next', 'addCustomer.create', 'addUsers.create', 'assignLicences.assign', 'endRelationship.reason', 'endRelationship.search',
  'inviteCustomer.draft', 'transfers.accept', 'transfers.send', 'transfers.check', 'updateCustomer.review', 'customerCreated.passwordCopied',
];
/** Buttons in one row: more are cut off at 450 px in German ("Vorerst überspring…", "Abbrec…"). */
export const MAX_ROW_ACTIONS = 3;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isAction = (node: Record<string, unknown>): boolean => typeof node.type === 'string' && node.type.startsWith('Action.');
const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** One object inside the card, with its JSON path and the key it sits under (`facts` for a fact). */
export interface CardNode {
  node: Record<string, unknown>;
  path: string;
  parentKey: string;
}

/** Every object in the card, depth first; an action's `data` (the bot's payload, not card schema) is not entered. */
export function cardNodes(value: unknown, path = '$', parentKey = ''): CardNode[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => cardNodes(item, `${path}[${i}]`, parentKey));
  if (!isRecord(value)) return [];
  const children = Object.entries(value).filter(([key]) => !(key === 'data' && isAction(value)));
  return [{ node: value, path, parentKey }, ...children.flatMap(([key, child]) => cardNodes(child, `${path}.${key}`, key))];
}

/** Every string in the card with its JSON path, action data included. */
export function stringLeaves(value: unknown, path = '$'): Array<{ path: string; text: string }> {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, `${path}[${i}]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => stringLeaves(child, `${path}.${key}`));
}

/** The typed elements and actions (objects with a `type`), the root card excluded. */
const typedNodes = (card: Card): CardNode[] => cardNodes(card).filter(({ node, path }) => path !== '$' && typeof node.type === 'string');

/** "1.5" -> [1, 5]; undefined when it is not a major.minor version. */
const parseVersion = (version: unknown): [number, number] | undefined => {
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
};

/** The root is an AdaptiveCard with a `version` Teams renders (≤ 1.5). */
export function checkVersion(card: Card): string[] {
  if (card.type !== 'AdaptiveCard') return [`$.type is ${JSON.stringify(card.type)}, not "AdaptiveCard"`];
  const version = parseVersion(card.version);
  const [maxMajor, maxMinor] = parseVersion(MAX_TEAMS_VERSION)!;
  if (!version) return [`$.version ${JSON.stringify(card.version)} is missing or not "major.minor"`];
  const [major, minor] = version;
  return major < maxMajor || (major === maxMajor && minor <= maxMinor) ? [] : [`$.version ${card.version} is newer than ${MAX_TEAMS_VERSION}, which Teams does not render`];
}

/** Only allow-listed element and action types, none Teams does not support. */
export function checkTypes(card: Card): string[] {
  const allowed = new Set<string>([...ALLOWED_ELEMENTS, ...ALLOWED_ACTIONS]);
  return typedNodes(card).flatMap(({ node, path }) => {
    const type = node.type as string;
    const reason = UNSUPPORTED_IN_TEAMS[type];
    if (reason) return [`${path}: ${type} (${reason})`];
    // A refresh is only ever an Execute (Teams asks for it; other hosts ignore it): it needs no fallback.
    if (type === 'Action.Execute' && !path.endsWith('.refresh.action') && !hasSubmitFallback(node)) return [`${path}: Action.Execute without an Action.Submit fallback of the same verb (older clients and the Emulator need it)`];
    return allowed.has(type) ? [] : [`${path}: ${type} is not in the allow-list of element/action types`];
  });
}

/** An Action.Execute's fallback: the Action.Submit with the same verb and data, for clients without Universal Actions. */
function hasSubmitFallback(node: Record<string, unknown>): boolean {
  const fallback = node.fallback;
  if (!isRecord(fallback) || fallback.type !== 'Action.Submit' || !isRecord(fallback.data)) return false;
  return fallback.data.verb === node.verb && JSON.stringify(fallback.data) === JSON.stringify(node.data);
}

/**
 * The design system's action rules: known styles only, at most one positive
 * (primary) action per card, `destructive` exactly on the destructive verbs,
 * the primary verbs positive in the card's own action row, and no row of more
 * than MAX_ROW_ACTIONS buttons.
 */
export function checkActionStyles(card: Card): string[] {
  const actions = typedNodes(card).filter(({ node, parentKey }) => isAction(node) && parentKey === 'actions');
  const verbOf = (node: Record<string, unknown>) => (isRecord(node.data) && typeof node.data.verb === 'string' ? node.data.verb : typeof node.verb === 'string' ? node.verb : '');
  const problems = actions.flatMap(({ node, path }) => {
    const style = (node.style as string | undefined) ?? 'default';
    const verb = verbOf(node);
    return [
      ...(ALLOWED_ACTION_STYLES.includes(style) ? [] : [`${path}: ${node.type} has style ${JSON.stringify(style)}`]),
      ...(DESTRUCTIVE_VERBS.includes(verb) !== (style === 'destructive') ? [`${path}: "${node.title}" (${verb}) is ${style}; destructive is for ${DESTRUCTIVE_VERBS.join(', ')} only, and always`] : []),
      ...(PRIMARY_VERBS.includes(verb) && path.startsWith('$.actions[') && style !== 'positive' ? [`${path}: "${node.title}" (${verb}) is the card's step forward and must be positive`] : []),
    ];
  });
  const positive = actions.filter(({ node }) => node.style === 'positive');
  if (positive.length > 1) problems.push(`${positive.length} positive actions (${positive.map(({ node }) => node.title).join(', ')}): a card has one primary action`);
  const rows = cardNodes(card).filter(({ node }) => Array.isArray(node.actions) && (node.type === 'AdaptiveCard' || node.type === 'ActionSet'));
  for (const { node, path } of rows) {
    const row = node.actions as Array<Record<string, unknown>>;
    const count = row.length;
    // A row of one verb is a choice between equals (the four languages), not buttons competing for width.
    const oneChoice = new Set(row.map(verbOf)).size === 1;
    if (count > MAX_ROW_ACTIONS && !oneChoice) problems.push(`${path}: ${count} buttons in one row (at most ${MAX_ROW_ACTIONS})`);
  }
  return problems;
}

/** No yellow text (unreadable on white in the light theme): warnings go in a `warning` container with default text. */
export function checkColours(card: Card): string[] {
  return typedNodes(card)
    .filter(({ node }) => typeof node.color === 'string' && node.color.toLowerCase() === 'warning')
    .map(({ node, path }) => `${path}: ${node.type} uses color "Warning" (yellow text)`);
}

/** Nothing left of the templates: no `${…}` (adaptivecards-templating), no `{{…}}` (i18next), no `$when`/`$data` keys. */
export function checkExpanded(card: Card): string[] {
  const ids = new Map(cardNodes(card).map(({ node, path }) => [path, node.id]));
  const owner = (path: string) => ids.get(path.slice(0, path.lastIndexOf('.')));
  const strings = stringLeaves(card)
    .filter(({ text }) => text.includes('${') || text.includes('{{'))
    .map(({ path, text }) => `${path}${typeof owner(path) === 'string' ? ` (id "${owner(path)}")` : ''}: unexpanded ${JSON.stringify(text)}`);
  const keys = cardNodes(card).flatMap(({ node, path }) =>
    Object.keys(node).filter((key) => key.startsWith('$') && key !== '$schema').map((key) => `${path}: template key "${key}" left in the card`),
  );
  return [...strings, ...keys];
}

/** Every required input says what it is (`label`) and what is wrong (`errorMessage`). */
export function checkRequiredInputs(card: Card): string[] {
  return typedNodes(card)
    .filter(({ node }) => (node.type as string).startsWith('Input.') && node.isRequired !== undefined && node.isRequired !== false)
    .flatMap(({ node, path }) => [
      ...(node.isRequired === true ? [] : [`${path}: isRequired is ${JSON.stringify(node.isRequired)}, not a boolean`]),
      ...(nonEmpty(node.label) ? [] : [`${path}: required ${node.type} "${node.id}" has no label`]),
      ...(nonEmpty(node.errorMessage) ? [] : [`${path}: required ${node.type} "${node.id}" has no errorMessage`]),
    ]);
}

/** The serialized card stays within the size budget. */
export function checkSize(card: Card): string[] {
  const bytes = Buffer.byteLength(JSON.stringify(card));
  return bytes < MAX_CARD_BYTES ? [] : [`card is ${bytes} bytes, the budget is ${MAX_CARD_BYTES}`];
}

/**
 * Labels fit their column: no word of a label (a whole run of Chinese) is wider
 * than the card's label column, so none is broken inside a word. All label
 * columns of a card have one width.
 */
export function checkLabels(card: Card): string[] {
  const columns = typedNodes(card).filter(({ node }) => node.type === 'Column' && Array.isArray(node.items) && isRecord(node.items[0]) && String(node.items[0].id ?? '').startsWith(LABEL_ID_PREFIX));
  const widths = new Set(columns.map(({ node }) => node.width));
  const problems = widths.size > 1 ? [`label columns of different widths: ${[...widths].join(', ')}`] : [];
  for (const { node, path } of columns) {
    const width = Number.parseInt(String(node.width), 10);
    const label = String((node.items as Array<Record<string, unknown>>)[0]!.text);
    for (const word of labelWords(label)) {
      if (estimatedWidth(word) > width) problems.push(`${path}: "${word}" in the label "${label}" is wider than the label column (${node.width})`);
    }
  }
  return problems;
}

/** Every Action.Submit (select actions included) tells the bot what to do: `data.verb` is a non-empty string. */
export function checkSubmitVerbs(card: Card): string[] {
  return typedNodes(card)
    .filter(({ node }) => node.type === 'Action.Submit')
    .filter(({ node }) => !(isRecord(node.data) && nonEmpty(node.data.verb)))
    .map(({ node, path }) => `${path}: Action.Submit "${node.title}" has no data.verb (data: ${JSON.stringify(node.data)})`);
}
