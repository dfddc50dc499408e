import { slackChannelLink } from '../../core/daily/channel-ref.js';

/**
 * The core writes a small Markdown: **bold** and "- " bullets. Slack's mrkdwn spells bold
 * with single asterisks and treats &, < and > as control characters, so they are escaped
 * first (otherwise "<topic>" in a usage line would vanish as a broken link).
 */
export function toMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^(\s*)- /gm, '$1• ');
}

/**
 * Escapes the three characters Slack reserves for links and mentions, except channel
 * mentions such as <#C123>: the core writes those on purpose (the daily quiz names its
 * channel), and they notify nobody. <!here> and user mentions stay escaped.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .split(keepChannelLinks)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

// split() returns every capture group: the link's own groups become non-capturing, so the parts alternate text, link, text.
const keepChannelLinks = new RegExp(`(${slackChannelLink.source.replace(/\((?!\?)/g, '(?:')})`);

/** Plain text for header blocks and button labels: markup removed, nothing escaped. */
export function toPlain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1');
}

/** Cuts text to Slack's limit for a field, marking the cut with an ellipsis. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Never leave half an escape such as "&am" at the end.
  return `${cut.replace(/&[a-z]{0,4}$/, '')}…`;
}

/**
 * Slack delivers slash command text with &, < and > escaped, and links as <url|label>. The
 * core wants the text as typed. Channel mentions (<#C123|study>) are kept: that is the form
 * the core's channel options parse.
 */
export function decodeCommandText(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
