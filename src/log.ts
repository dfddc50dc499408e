import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout belongs to the terminal adapter). Secrets are
 * redacted wherever they might appear in a logged object.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { app: 'cloudstudy' },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'config.*TOKEN', 'config.*SECRET', 'botToken', 'appToken', 'signingSecret'],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
