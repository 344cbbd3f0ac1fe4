import { createHash } from 'node:crypto';
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Fields pino censors at any depth up to four levels. Logs must never carry
 * secrets or customer contact data; callers also avoid logging message text.
 */
const SENSITIVE = ['password', 'MicrosoftAppPassword', 'token', 'authorization', 'email', 'phoneNumber', 'firstName', 'lastName', 'text'];
const REDACT = SENSITIVE.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

const MAX_STACK_FRAMES = 12;

/**
 * What a log line keeps of an error: its type, a status or code, its stack
 * frames, and a fingerprint of its message (the same failure has the same
 * one). Not the message itself, nor anything else: a message can quote what
 * it failed on (a request body, the values a user typed), and an error can
 * carry whatever its thrower attached, which pino's default serializer would log.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, MAX_STACK_FRAMES);
  return {
    type: error.name,
    messageHash: createHash('sha256').update(error.message).digest('hex').slice(0, 12),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code).slice(0, 64) } : {}),
    stack: frames.map((line) => line.trim()),
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'customer-accounts-bot' }, redact: { paths: REDACT, censor: '[redacted]' }, serializers: { err: safeError } }, destination);
}
