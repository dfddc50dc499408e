/**
 * Slack slash commands share one namespace per workspace, so our names can carry a prefix:
 * prefix "cs" turns /explain into /cs-explain. The manifest, the listeners and the rendered
 * text all map names through here so they can never disagree.
 */

/** The Slack command (without the slash) for a core command name. */
export function slackCommandName(name: string, prefix?: string): string {
  if (!prefix) return name;
  return /[-_]$/.test(prefix) ? `${prefix}${name}` : `${prefix}-${name}`;
}

/**
 * Rewrites "/explain" to "/cs-explain" in text the core wrote, so help and hints name the
 * commands the member can actually type. Only a slash at the start or after a space or
 * punctuation counts: URL paths such as docs.aws.amazon.com/lambda/ are left alone.
 */
export function renameCommands(text: string, coreNames: readonly string[], prefix?: string): string {
  if (!prefix || coreNames.length === 0) return text;
  const names = [...coreNames].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const re = new RegExp(`(^|[\\s(\\[\`"'*_])\\/(${names})(?![\\w-])`, 'g');
  return text.replace(re, (_m, before: string, name: string) => `${before}/${slackCommandName(name, prefix)}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
