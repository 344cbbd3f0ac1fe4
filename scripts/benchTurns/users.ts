import { offsetCursor } from '../../src/customers/localBackend.js';
import { PAGE_SIZE } from '../../src/flows/customerList/customerListFlow.js';
import type { Activity } from 'botbuilder';
import type { Reply } from './connector.js';

export const LOCALES = ['en-US', 'de-DE', 'zh-CN', 'ru-RU'] as const;
export type Locale = (typeof LOCALES)[number];

export const SEARCH_TERMS = ['müller', 'gmbh', 'север', '北京'] as const;

/** The turn kinds of one iteration, in order (10 turns). */
export const TURN_KINDS = ['menu', 'list', 'nextPage', 'search', 'wizardStart', 'company', 'address', 'contact', 'skipAgreement', 'create'] as const;
export type TurnKind = (typeof TURN_KINDS)[number];

/** What a turn's first reply must show for the turn to count as a success (the echo floor only needs a card). */
export interface Expectation {
  /** Action verbs the card must offer. */
  verbs?: string[];
  /** Input ids the card must contain. */
  inputs?: string[];
  /** Text the card must show. */
  text?: string;
  /** A customerList.page action to this page (its cursor). */
  pageAction?: number;
}

export interface Client {
  /** One turn; returns the replies, or undefined when the turn failed (already counted). */
  turn(kind: TurnKind, activity: Partial<Activity>, expect: Expectation): Promise<Reply[] | undefined>;
}

interface LocaleScript {
  menu: string;
  list: string;
  add: string;
  company: (tag: string, prefix: string) => Record<string, string>;
  address: Record<string, string>;
  contact: Record<string, string>;
}

const SCRIPTS: Record<Locale, LocaleScript> = {
  'en-US': {
    menu: 'menu',
    list: 'customer list',
    add: 'add customer',
    company: (tag, domainPrefix) => ({ country: 'US', companyName: `Contoso Bench ${tag} Inc.`, domainPrefix }),
    address: { addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', phoneNumber: '+1 425 882 8080' },
    contact: { firstName: 'Emily', lastName: 'Johnson', email: 'emily.johnson@contoso.example', culture: 'en-US' },
  },
  'de-DE': {
    menu: 'Menü',
    list: 'Kundenliste',
    add: 'Kunden hinzufügen',
    company: (tag, domainPrefix) => ({ country: 'DE', companyName: `Müller Bench ${tag} GmbH`, domainPrefix }),
    address: { addressLine1: 'Königstraße 1', city: 'Stuttgart', postalCode: '70173', phoneNumber: '+49 711 1234567' },
    contact: { firstName: 'Jürgen', lastName: 'Weiß', email: 'juergen.weiss@mueller.example', culture: 'de-DE' },
  },
  'zh-CN': {
    menu: '菜单',
    list: '客户列表',
    add: '添加客户',
    company: (tag, domainPrefix) => ({ country: 'CN', companyName: `北京基准${tag}科技有限公司`, domainPrefix }),
    address: { addressLine1: '中关村大街1号', city: '北京', state: 'BJ', postalCode: '100080', phoneNumber: '+86 10 6212 3456' },
    contact: { firstName: '伟', lastName: '王', email: 'wang.wei@jizhun.example', culture: 'zh-CN' },
  },
  'ru-RU': {
    menu: 'меню',
    list: 'список клиентов',
    add: 'добавить клиента',
    company: (tag, domainPrefix) => ({ country: 'RU', companyName: `ООО «Бенч ${tag}»`, domainPrefix }),
    address: { addressLine1: 'ул. Ленина, д. 1', city: 'Казань', postalCode: '420111', phoneNumber: '+7 843 123-45-67', organizationRegistrationNumber: '7707083893' },
    contact: { firstName: 'Анна', lastName: 'Иванова', email: 'anna@romashka.example', culture: 'ru-RU' },
  },
};

// ------------------------------------------------------------------ cards

type Action = { type?: string; title?: string; data?: Record<string, unknown> };

export function cardOf(reply: Reply | undefined): Record<string, unknown> | undefined {
  const attachment = reply?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown> | undefined;
}

/** What a card offers: its actions, input ids and texts, collected in one walk (action data is not entered). */
interface CardContents {
  actions: Action[];
  inputs: string[];
  texts: string[];
}

/** One walk per card, shared by the check and the next turn's data lookups: the harness runs beside the bot, so it stays cheap. */
const contentsCache = new WeakMap<object, CardContents>();

function contentsOf(card: Record<string, unknown>): CardContents {
  let contents = contentsCache.get(card);
  if (contents) return contents;
  contents = { actions: [], inputs: [], texts: [] };
  const found = contents;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const type = element.type;
    if (typeof type === 'string') {
      if (type.startsWith('Action.')) found.actions.push(element as Action);
      else if (type.startsWith('Input.') && typeof element.id === 'string') found.inputs.push(element.id);
    }
    if (typeof element.text === 'string') found.texts.push(element.text);
    if (typeof element.value === 'string') found.texts.push(element.value);
    for (const key in element) if (key !== 'data') walk(element[key]);
  };
  walk(card);
  contentsCache.set(card, contents);
  return contents;
}

export function allActions(card: Record<string, unknown> | undefined): Action[] {
  return card ? contentsOf(card).actions : [];
}

/** Why the replies do not meet the expectation, or undefined when they do. `strict` false (echo floor): a card is enough. */
export function checkReplies(replies: Reply[], expect: Expectation, strict: boolean): string | undefined {
  const card = cardOf(replies[0]);
  if (!card) return `no Adaptive Card in ${replies.length} repl${replies.length === 1 ? 'y' : 'ies'}: ${JSON.stringify(replies[0] ?? null).slice(0, 200)}`;
  if (!strict) return undefined;
  const { actions, inputs, texts } = contentsOf(card);
  const verbs = new Set(actions.map((a) => a.data?.verb));
  for (const verb of expect.verbs ?? []) if (!verbs.has(verb)) return `card lacks action ${verb} (title: ${texts[0] ?? '?'}; verbs: ${[...verbs].join(', ')})`;
  for (const input of expect.inputs ?? []) if (!inputs.includes(input)) return `card lacks input ${input} (title: ${texts[0] ?? '?'}; inputs: ${inputs.join(', ')})`;
  if (expect.text !== undefined && !texts.some((t) => t.includes(expect.text!))) return `card lacks text "${expect.text}" (texts: ${texts.slice(0, 4).join(' | ')})`;
  if (expect.pageAction !== undefined && !actions.some((a) => a.data?.verb === 'customerList.page' && a.data.cursor === pageCursor(expect.pageAction!))) {
    return `list card lacks a link to page ${expect.pageAction}`;
  }
  return undefined;
}

const dataOf = (reply: Reply | undefined, verb: string): Record<string, unknown> | undefined => allActions(cardOf(reply)).find((a) => a.data?.verb === verb)?.data;

// ------------------------------------------------------------------ one iteration

/**
 * One iteration of the mix (10 turns): main menu, customer list, Next page,
 * a search, then the whole add-customer wizard (company → address → contact →
 * skip agreement → create). Returns early when a turn fails (the next
 * iteration starts with the menu, which cancels any dialog).
 * Against the echo floor the same activities go out; data taken from cards
 * (promptId, next-page data) falls back to stand-ins.
 */
export async function runIteration(client: Client, locale: Locale, user: number, iteration: number, domainPrefix: string): Promise<void> {
  const script = SCRIPTS[locale];
  const term = SEARCH_TERMS[(user + iteration) % SEARCH_TERMS.length] ?? 'gmbh';

  if (!(await client.turn('menu', { text: script.menu }, { verbs: ['customerList', 'addCustomer'] }))) return;
  const list = await client.turn('list', { text: script.list }, { verbs: ['customerList.details'], pageAction: 2 });
  if (!list) return;
  const next = allActions(cardOf(list[0])).find((a) => a.data?.verb === 'customerList.page' && a.data.cursor === pageCursor(2))?.data ?? { verb: 'customerList.page', cursor: pageCursor(2), search: '', relationship: 'active' };
  if (!(await client.turn('nextPage', { value: next, replyToId: list[0]?.id }, { verbs: ['customerList.details'], pageAction: 1 }))) return;
  if (!(await client.turn('search', { text: `${script.list} ${term}` }, { verbs: ['customerList.details'] }))) return;

  let replies = await client.turn('wizardStart', { text: script.add }, { inputs: ['country', 'companyName', 'domainPrefix'], verbs: ['addCustomer.next'] });
  const tag = `${user}-${iteration}`;
  const steps: Array<[TurnKind, Record<string, string>, Expectation]> = [
    ['company', script.company(tag, domainPrefix), { inputs: ['addressLine1', 'postalCode'], verbs: ['addCustomer.next'] }],
    ['address', script.address, { inputs: ['firstName', 'email', 'culture'], verbs: ['addCustomer.next'] }],
    ['contact', script.contact, { verbs: ['addCustomer.skip'] }],
  ];
  for (const [kind, inputs, expect] of steps) {
    if (!replies) return;
    const promptId = dataOf(replies[0], 'addCustomer.next')?.promptId ?? 'echo';
    replies = await client.turn(kind, { value: { ...inputs, verb: 'addCustomer.next', promptId } }, expect);
  }
  if (!replies) return;
  replies = await client.turn('skipAgreement', { value: { verb: 'addCustomer.skip', promptId: dataOf(replies[0], 'addCustomer.skip')?.promptId ?? 'echo' } }, { verbs: ['addCustomer.create'] });
  if (!replies) return;
  await client.turn('create', { value: { verb: 'addCustomer.create', promptId: dataOf(replies[0], 'addCustomer.create')?.promptId ?? 'echo' } }, { text: `${domainPrefix}.onmicrosoft.com` });
}

/** The cursor of a page of the list, 10 customers a page (the embedded backend pages by position). */
const pageCursor = (page: number): string => offsetCursor.of((page - 1) * PAGE_SIZE);
