/**
 * A platform the bot could not reach at start-up. main.ts prints its message as the one line
 * it gives a known start-up problem: the platform, the address, and what to check.
 */
export class UnreachableError extends Error {
  override name = 'UnreachableError';

  constructor(platform: string, address: string, cause: unknown, setting: string) {
    super(`could not reach ${platform} at ${address} (${networkReason(cause)}). Check the network connection, any proxy or firewall, and ${setting}.`, { cause });
  }
}

/** The system's code for a failed connection (ECONNREFUSED, ENOTFOUND…), looked for down the chain of causes. */
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const { code, cause, original } = current as { code?: unknown; cause?: unknown; original?: unknown };
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    // Slack's WebClient wraps the fetch error in `original`; fetch puts the socket's in `cause`.
    current = original ?? cause;
  }
  return undefined;
}

function networkReason(error: unknown): string {
  return networkCode(error) ?? (error instanceof Error ? error.message : String(error));
}
