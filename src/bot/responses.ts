import { MessageFactory, type TurnContext } from 'botbuilder';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { CustomerDirectory } from '../customers/customerDirectory.js';
import { COMMANDS } from './commands.js';
import { partnerTenantOf } from './tenancy.js';
import { counted, turnLocale } from './turnLocale.js';

export type NoticeStyle = 'default' | 'good' | 'warning' | 'attention';

export interface NoticeOptions {
  title?: string;
  style?: NoticeStyle;
  /** Offer a button back to the main menu. */
  showMenu?: boolean;
}

/** The cards the bot sends outside any dialog: welcome/menu, help, notices and errors. */
export class Responses {
  constructor(private readonly cards: CardRenderer, private readonly directory: CustomerDirectory) {}

  /** The main menu, with the size of the partner's customer list; `notice` leads it (e.g. "I did not understand"). */
  async sendWelcome(context: TurnContext, notice = ''): Promise<void> {
    const locale = turnLocale(context);
    const count = await this.directory.count(partnerTenantOf(context.activity), 'active');
    const customerCount = locale.t('welcome.customerCount', counted(locale, count));
    await context.sendActivity(MessageFactory.attachment(this.cards.render('welcome', locale.language, { customerCount, notice })));
  }

  async sendHelp(context: TurnContext): Promise<void> {
    const { language, t } = turnLocale(context);
    const commands = COMMANDS.map((command) => ({
      word: t(`${command}.0`, { ns: 'commands' }),
      description: t(`help.commands.${command}`),
    }));
    await context.sendActivity(MessageFactory.attachment(this.cards.render('help', language, { commands })));
  }

  async sendNotice(context: TurnContext, message: string, options: NoticeOptions = {}): Promise<void> {
    const { language } = turnLocale(context);
    const data = { message, title: options.title ?? '', style: options.style ?? 'default', showMenu: options.showMenu ?? false };
    await context.sendActivity(MessageFactory.attachment(this.cards.render('notice', language, data)));
  }

  /** A card submit the bot cannot use (forged, malformed, or not meant for this card). */
  async sendMalformedAction(context: TurnContext, options: { showMenu?: boolean } = {}): Promise<void> {
    await this.sendNotice(context, turnLocale(context).t('notice.malformedAction'), { style: 'warning', showMenu: options.showMenu ?? true });
  }

  /** An answer to a card no step is waiting for (an old card, or a flow this version cannot continue). */
  async sendStaleCard(context: TurnContext): Promise<void> {
    await this.sendNotice(context, turnLocale(context).t('notice.staleCard'), { style: 'warning', showMenu: true });
  }

  async sendError(context: TurnContext): Promise<void> {
    const { t } = turnLocale(context);
    await this.sendNotice(context, t('error.message'), { title: t('error.title'), style: 'attention', showMenu: true });
  }
}
