import type { Language } from '../i18n/languages.js';
import type { RequestContext } from './requestContext.js';

export type NoticeStyle = 'default' | 'good' | 'warning' | 'attention';

/**
 * Where a card goes: `new` is a new message; `replace` takes the place of the
 * card the user pressed (Teams updates it in place; hosts that cannot update
 * get a new message).
 */
export type Placement = 'new' | 'replace';

/** Fields the router adds to a flow card's own actions: which showing they answer, and whose flow it is. */
export interface ActionStamp {
  /** Actions whose verb starts with this prefix get the fields. */
  verbPrefix: string;
  fields: { promptId: string; owner?: string };
}

export interface CardOutput {
  kind: 'card';
  template: string;
  data: Record<string, unknown>;
  language: Language;
  placement: Placement;
  /** Holds a secret (a temporary password): it is never posted to a shared conversation. */
  secret?: boolean;
  /** For a secret card: the same card without the secret, which takes its place after a few minutes where the host can update it. */
  hiddenLater?: { template: string; data: Record<string, unknown> };
  stamp?: ActionStamp;
  /**
   * In a shared chat: what everyone but the flow's owner sees (a read-only
   * summary), and the showing the owner's client asks for in its place
   * (Teams' user-specific views: `refresh` with the owner's id).
   */
  ownerView?: { summary: { template: string; data: Record<string, unknown> }; owner: string; promptId: string };
  /** For a card that reports a change already made: the plain text sent when the card cannot be delivered, so the user is never left believing nothing happened. */
  undelivered?: string;
}

export interface NoticeOutput {
  kind: 'notice';
  message: string;
  title?: string;
  style: NoticeStyle;
  /** Offer a button back to the main menu. */
  showMenu: boolean;
  language: Language;
  placement: Placement;
}

export type Output = CardOutput | NoticeOutput;

export interface NoticeOptions {
  title?: string;
  style?: NoticeStyle;
  showMenu?: boolean;
  /** `replace` for a notice that takes the place of the pressed card (it ended what that card was for). */
  placement?: Placement;
}

/**
 * What a turn shows, in order, as plain data: the edge turns it into
 * messages, in-place updates or an invoke response. Texts are translated when
 * added; a card's template strings are taken in the language it was added in.
 */
export class Reply {
  readonly outputs: Output[] = [];

  /** `language` is asked at each addition: the turn's language can change midway (a language switch). */
  constructor(private readonly language: () => Language) {}

  /** The reply of one turn, in that turn's language (as it stands when each output is added). */
  static for(ctx: RequestContext): Reply {
    return new Reply(() => ctx.locale.language);
  }

  notice(message: string, options: NoticeOptions = {}): this {
    const { title, style = 'default', showMenu = false, placement = 'new' } = options;
    this.outputs.push({ kind: 'notice', message, title, style, showMenu, language: this.language(), placement });
    return this;
  }

  card(template: string, data: Record<string, unknown> = {}, options: Pick<CardOutput, 'secret' | 'hiddenLater' | 'stamp' | 'undelivered' | 'ownerView'> & { placement?: Placement } = {}): this {
    const { placement = 'new', ...rest } = options;
    this.outputs.push({ kind: 'card', template, data, language: this.language(), placement, ...rest });
    return this;
  }

  /**
   * Makes the first output added since `mark` (the `outputs.length` then)
   * take the place of the pressed card, unless one already does: what ends a
   * flow from its own card replaces that card.
   */
  replaceFrom(mark: number): void {
    const added = this.outputs.slice(mark);
    if (added.length > 0 && !added.some((o) => o.placement === 'replace')) added[0]!.placement = 'replace';
  }
}
