import path from 'node:path';
import { CardRenderer } from '../../src/cards/cardRenderer.js';
import { formCardData } from '../../src/flows/addCustomer/forms.js';
import { done, show, type Answer, type CardFlow, type CardView, type Step } from '../../src/flows/flow.js';
import type { RequestContext } from '../../src/flows/requestContext.js';
import { createI18n, loadLocaleResources } from '../../src/i18n/i18n.js';
import { projectRoot } from '../../src/paths.js';

/** The project's real cards and strings, for cards built in tests. */
export function projectCardRenderer(): CardRenderer {
  const root = projectRoot();
  return new CardRenderer(path.join(root, 'cards'), createI18n(loadLocaleResources(path.join(root, 'locales'))), { appIconFile: path.join(root, 'manifest', 'color.png') });
}

type Verb = 'addCustomer.next' | 'addCustomer.cancel';

/**
 * A stand-in for the add-customer flow in router tests: waits on the first
 * wizard card and records each answer's verb, or throws there when `fail` is set.
 */
export class WaitingFlow implements CardFlow<{ waiting: true }, Verb> {
  readonly kind = 'card';
  readonly id = 'addCustomer';
  readonly verbs = ['addCustomer.next', 'addCustomer.cancel'] as const;
  readonly menu = true;
  readonly onDetails = false;
  readonly answers: string[] = [];

  constructor(private readonly fail = false) {}

  async start(): Promise<Step<{ waiting: true }>> {
    return show({ waiting: true });
  }

  card(ctx: RequestContext): CardView {
    return { template: 'form', data: formCardData('company', { requestId: 'x', step: 'company', returnToReview: false }, ctx.locale, '.onmicrosoft.com', '2026-11-21') };
  }

  readable(state: unknown): state is { waiting: true } {
    return (state as { waiting?: unknown } | undefined)?.waiting === true;
  }

  async answer(_ctx: RequestContext, _state: { waiting: true }, answer: Answer<Verb>): Promise<Step<{ waiting: true }>> {
    if (this.fail) throw new Error('simulated failure inside a flow');
    this.answers.push(answer.kind === 'action' ? answer.verb : answer.text);
    return done();
  }
}

export const failingFlow = (): WaitingFlow => new WaitingFlow(true);
