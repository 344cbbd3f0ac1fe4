import { z } from 'zod';

/**
 * The `data` of every card action (Action.Execute or its Action.Submit
 * fallback). `verb` names the action; `promptId` ties a flow card to the one
 * showing that is waiting for it; `owner` names whose flow it is in a shared
 * chat (only to word the answer to someone else's press: whose flow a press
 * may drive is decided by the presser's own state, never by this field).
 * Anything else (inputs) passes through for the flow to validate.
 */
const cardActionSchema = z.looseObject({
  verb: z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9.]*$/),
  promptId: z.string().uuid().optional(),
  owner: z.string().min(1).max(256).optional(),
  /** A customer a flow starts for (from a details card). */
  customerId: z.string().min(1).max(128).optional(),
});

export type CardAction = z.infer<typeof cardActionSchema>;

/** Parses a card action's data; undefined when it is not one of ours. */
export function parseCardAction(value: unknown): CardAction | undefined {
  const parsed = cardActionSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
