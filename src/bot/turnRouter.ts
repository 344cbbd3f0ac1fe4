import { TurnContext, type ConversationState } from 'botbuilder';
import { DialogSet, type Dialog, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { activePromptId } from '../dialogs/cardPrompt.js';
import { LANGUAGE_DIALOG } from '../dialogs/languageDialog.js';
import { parseCardAction } from './cardAction.js';
import type { CommandRecognizer, RecognizedCommand } from './commandRecognizer.js';
import { isCommand, type DialogFlow } from './commands.js';
import type { Responses } from './responses.js';
import type { View } from './view.js';
import { turnLocale } from './turnLocale.js';

/** The options every flow dialog is started with. */
export interface FlowOptions {
  /** Text typed after the command, e.g. the search term in "Kundenliste contoso". */
  argument: string;
  /** Set when the flow starts from a customer's details card. */
  customerId?: string;
}

export interface TurnRouterDeps {
  conversationState: ConversationState;
  recognizer: CommandRecognizer;
  responses: Responses;
  languageDialog: Dialog;
  /** The dialog behind each flow that keeps state. */
  flows: Record<DialogFlow, Dialog>;
  /** Flows that keep no dialog state: the customer list. */
  views: Record<'customerList', View>;
}

/**
 * The one place a message turn is decided: typed commands (any language),
 * card submits and answers to the active dialog all come through here.
 */
export class TurnRouter {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: TurnRouterDeps) {
    this.dialogs = new DialogSet(deps.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(deps.languageDialog);
    for (const dialog of Object.values(deps.flows)) this.dialogs.add(dialog);
  }

  async route(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const { value } = context.activity;
    if (value !== undefined && value !== null) return this.routeCardSubmit(dc, value);

    // Only the bot's own @mention is removed; other people's mentions stay in the text.
    const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim();
    const recognized = this.deps.recognizer.recognize(text);
    if (recognized) return this.runCommand(dc, recognized);
    if (dc.activeDialog) {
      await dc.continueDialog();
      return;
    }
    await this.deps.responses.sendWelcome(context, turnLocale(context).t('notice.unknownCommand'));
  }

  private async routeCardSubmit(dc: DialogContext, value: unknown): Promise<void> {
    const action = parseCardAction(value);
    if (!action) {
      await this.deps.responses.sendMalformedAction(dc.context);
      return;
    }
    if (action.promptId) {
      if (action.promptId !== activePromptId(dc)) {
        await this.deps.responses.sendStaleCard(dc.context);
        return;
      }
      await dc.continueDialog();
      return;
    }
    if (isCommand(action.verb)) return this.runCommand(dc, { command: action.verb, argument: '' }, action.customerId);
    const view = Object.values(this.deps.views).find((v) => action.verb.startsWith(v.verbPrefix));
    if (view) return view.handle(dc.context, action);
    await this.deps.responses.sendMalformedAction(dc.context);
  }

  private async runCommand(dc: DialogContext, { command, argument }: RecognizedCommand, customerId?: string): Promise<void> {
    const { context } = dc;
    const { t } = turnLocale(context);
    switch (command) {
      case 'cancel':
        if (!dc.activeDialog) return this.deps.responses.sendNotice(context, t('cancel.nothing'), { showMenu: true });
        await dc.cancelAllDialogs();
        return this.deps.responses.sendNotice(context, t('cancel.done'), { showMenu: true });
      case 'help':
        // Help interrupts nothing: the active step keeps waiting.
        return this.deps.responses.sendHelp(context);
      case 'menu':
        await dc.cancelAllDialogs();
        return this.deps.responses.sendWelcome(context);
      case 'language':
        // On top of a running flow, so it resumes (re-shown in the new language) afterwards.
        if (dc.activeDialog?.id === LANGUAGE_DIALOG) await dc.cancelAllDialogs();
        await dc.beginDialog(LANGUAGE_DIALOG, { requested: argument });
        return;
      case 'customerList':
        // A view shows data and leaves any waiting dialog as it is.
        return this.deps.views.customerList.start(context, argument);
      default:
        await dc.cancelAllDialogs();
        await dc.beginDialog(this.deps.flows[command].id, { argument, customerId } satisfies FlowOptions);
    }
  }
}
