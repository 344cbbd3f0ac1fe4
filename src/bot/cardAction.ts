import { z } from 'zod';

/**
 * The `data` of every Action.Submit our cards send. `verb` names the action;
 * `promptId` ties a dialog card to the one step that is waiting for it.
 * Anything else (inputs) passes through for the dialog to validate.
 */
const cardActionSchema = z.looseObject({
  verb: z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9.]*$/),
  promptId: z.string().uuid().optional(),
  /** A customer a flow starts for (from a details card). */
  customerId: z.string().min(1).max(128).optional(),
});

export type CardAction = z.infer<typeof cardActionSchema>;

/** Parses a card submit's `activity.value`; undefined when it is not one of ours. */
export function parseCardAction(value: unknown): CardAction | undefined {
  const parsed = cardActionSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
