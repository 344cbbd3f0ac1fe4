import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Paths pino censors wherever they appear. Logs must never carry secrets or
 * customer contact data; callers also avoid logging message text at all.
 */
const REDACT = [
  'password', '*.password', '*.*.password',
  'MicrosoftAppPassword', '*.MicrosoftAppPassword',
  'token', '*.token', '*.*.token',
  'authorization', '*.authorization', '*.headers.authorization', 'req.headers.authorization',
  'email', '*.email', '*.*.email',
  'phoneNumber', '*.phoneNumber', '*.*.phoneNumber',
  'firstName', '*.firstName', 'lastName', '*.lastName',
  'text', '*.text',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { app: 'customer-accounts-bot' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
