/**
 * Fields of an incoming activity the bot and botbuilder read, with the type
 * each must have. A forged or broken activity has the wrong ones dropped here,
 * in one place before anything reads it, so it still gets an answer (a string
 * where an array belongs no longer ends the turn without a reply).
 */
const OBJECT_FIELDS = ['from', 'recipient', 'conversation', 'channelData', 'value'] as const;
const ARRAY_FIELDS = ['entities', 'attachments', 'membersAdded', 'membersRemoved'] as const;
const STRING_FIELDS = ['type', 'id', 'text', 'locale', 'name', 'replyToId', 'serviceUrl', 'channelId'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The activity with mistyped fields removed (array items that are not objects too); undefined when the body is no object at all. */
export function normalizedActivity(body: unknown): Record<string, unknown> | undefined {
  if (!isObject(body)) return undefined;
  for (const field of OBJECT_FIELDS) if (field in body && !isObject(body[field])) delete body[field];
  for (const field of ARRAY_FIELDS) {
    if (!(field in body)) continue;
    const value = body[field];
    if (Array.isArray(value)) body[field] = value.filter(isObject);
    else delete body[field];
  }
  for (const field of STRING_FIELDS) if (field in body && typeof body[field] !== 'string') delete body[field];
  return body;
}
