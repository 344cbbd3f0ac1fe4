/**
 * The official Adaptive Cards SDK (`adaptivecards`), loaded into Jest's Node
 * environment on top of a jsdom window, to parse, validate and render the
 * cards the bot sends.
 */
import type * as AdaptiveCards from 'adaptivecards';
import { JSDOM } from 'jsdom';

export type AdaptiveCardsSdk = typeof AdaptiveCards;

/**
 * The minimal browser the SDK bundle needs: `document` to render, and the
 * four element classes it tests with `instanceof` while rendering (each one
 * missing fails with a ReferenceError). `window` itself is not needed.
 */
const DOM_GLOBALS = ['document', 'HTMLElement', 'HTMLButtonElement', 'HTMLInputElement', 'HTMLSelectElement'] as const;

/**
 * The package's self-contained UMD bundle. Its `main` (lib/adaptivecards.js)
 * is ES module syntax with extensionless imports in a CommonJS package, which
 * Node cannot load. A non-literal specifier keeps TypeScript from looking for
 * the bundle's own (non-module) .d.ts; the types come from `import type` above.
 */
const SDK_BUNDLE: string = 'adaptivecards/dist/adaptivecards.js';

export interface LoadedSdk {
  sdk: AdaptiveCardsSdk;
  /** Closes the jsdom window and removes the globals again. */
  close(): void;
}

/** Installs the jsdom globals first (the bundle looks them up while rendering), then imports the SDK. */
export async function loadAdaptiveCardsSdk(): Promise<LoadedSdk> {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const scope = globalThis as Record<string, unknown>;
  const view = dom.window as unknown as Record<string, unknown>;
  for (const name of DOM_GLOBALS) scope[name] = view[name];
  const sdk = ((await import(SDK_BUNDLE)) as { default: AdaptiveCardsSdk }).default;
  // Plain text instead of markdown, which also silences the SDK's "markdown processing not enabled" warning.
  sdk.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    result.didProcess = true;
  };
  return {
    sdk,
    close() {
      dom.window.close();
      for (const name of DOM_GLOBALS) delete scope[name];
    },
  };
}

/**
 * Parses the card as Teams' renderer would (target schema 1.5), validates its
 * properties and renders it; returns every parse event and validation failure
 * as text. Rendering must not throw and must produce an element.
 */
export function sdkProblems(sdk: AdaptiveCardsSdk, json: unknown): string[] {
  // The SDK checks `lang` with a /g regex, so every other parse of a valid "en" fails (microsoft/AdaptiveCards#9145).
  const langPattern = sdk.CardElement.langProperty.regEx;
  if (langPattern) langPattern.lastIndex = 0;
  const card = new sdk.AdaptiveCard();
  const context = new sdk.SerializationContext(sdk.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  const describe = (phase: string, event: { event: number; message: string; source?: unknown }) => {
    const id = (event.source as { id?: string } | undefined)?.id;
    return `${phase} ${sdk.ValidationEvent[event.event]}${id ? ` in "${id}"` : ''}: ${event.message}`;
  };
  for (let i = 0; i < context.eventCount; i++) problems.push(describe('parse', context.getEventAt(i)));
  for (const event of card.validateProperties().validationEvents) problems.push(describe('validation', event));
  if (!card.render()) problems.push('render: the SDK rendered nothing');
  return problems;
}
