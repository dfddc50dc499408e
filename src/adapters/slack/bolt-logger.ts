import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

/**
 * Bolt and its Socket Mode client log through this, so their messages land in our pino
 * stream (on stderr, with secrets redacted) instead of on the console. Our log level rules:
 * Bolt's setLevel is ignored.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  const text = (parts: unknown[]): string => scrubSecrets(parts.map((p) => (p instanceof Error ? (p.stack ?? p.message) : typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  return {
    debug: (...parts: unknown[]) => child.debug(text(parts)),
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    setLevel: () => {},
    getLevel: () => {
      const level = child.level;
      if (level === 'trace' || level === 'debug') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}

/**
 * Bolt and its Socket Mode client log whole payloads at debug level, as strings pino's
 * redaction cannot see into. Some of what they carry works as a credential: the legacy
 * verification token, a response_url (anyone holding it may post as the app in that
 * conversation for 30 minutes), the Socket Mode connection ticket, and any Slack token.
 */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g, '$1-[redacted]')
    .replace(/("(?:token|response_url)"\s*:\s*")[^"]*"/g, '$1[redacted]"')
    .replace(/([?&]ticket=)[^&"\s]+/g, '$1[redacted]');
}
