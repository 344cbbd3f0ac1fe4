import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Fields pino censors at any depth up to four levels. Logs must never carry
 * secrets or customer contact data; callers also avoid logging message text.
 */
const SENSITIVE = ['password', 'MicrosoftAppPassword', 'token', 'authorization', 'email', 'phoneNumber', 'firstName', 'lastName', 'text'];
const REDACT = SENSITIVE.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

const MAX_MESSAGE_LENGTH = 200;
const MAX_STACK_FRAMES = 12;

/**
 * What a log line keeps of an error: its type, a capped message, a status or
 * code, and its stack frames (without the message line). Nothing else: errors
 * can carry whatever their thrower attached (a turn context, a request body,
 * the values a user typed), and pino's default serializer would log it all.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, MAX_STACK_FRAMES);
  return {
    type: error.name,
    message: error.message.length > MAX_MESSAGE_LENGTH ? `${error.message.slice(0, MAX_MESSAGE_LENGTH)}…` : error.message,
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code).slice(0, 64) } : {}),
    stack: frames.map((line) => line.trim()),
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'customer-accounts-bot' }, redact: { paths: REDACT, censor: '[redacted]' }, serializers: { err: safeError } }, destination);
}
