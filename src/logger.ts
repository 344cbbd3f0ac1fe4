import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Fields pino censors at any depth up to four levels. Logs must never carry
 * secrets or customer contact data; callers also avoid logging message text.
 */
const SENSITIVE = ['password', 'MicrosoftAppPassword', 'token', 'authorization', 'email', 'phoneNumber', 'firstName', 'lastName', 'text'];
const REDACT = SENSITIVE.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'customer-accounts-bot' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
