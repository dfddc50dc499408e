import type { Platform } from '../../store/communities.js';
import type { Parsed } from './schedule-options.js';

export interface ChannelRef {
  /** What the platform addresses the channel by. */
  id: string;
  /** For display; empty when the platform only gave us an id. */
  name: string;
}

/**
 * Slack's channel link, `<#C123|name>` or `<#C123>`, as Slack sends it in command text and
 * as the bot writes it in replies. The one definition of that syntax: the parser below and
 * the Slack renderer (which keeps these links while escaping other markup) both use it.
 */
export const slackChannelLink = /<#([CG][A-Z0-9]{2,20})(?:\|([^<>&]*))?>/;
const slackChannelId = /^[CG][A-Z0-9]{2,20}$/;

/** How a channel is shown back to the admin: a mention where the platform renders one. */
export function channelLabel(platform: Platform, channelId: string): string {
  return platform === 'terminal' ? `#${channelId}` : `<#${channelId}>`;
}

/**
 * The one place a channel option becomes a channel: Discord delivers an id (or `<#id>` when
 * typed), Slack `<#C123|name>` or `<#C123>` (or a bare id), the terminal `#name` or `name`.
 */
export function parseChannel(platform: Platform, raw: string): Parsed<ChannelRef> {
  const text = raw.trim();
  switch (platform) {
    case 'discord': {
      const match = /^(?:<#(\d{5,25})>|(\d{5,25}))$/.exec(text);
      const id = match?.[1] ?? match?.[2];
      return id ? { ok: true, value: { id, name: '' } } : { ok: false, error: `"${raw}" is not a channel I can post in. Pick the channel from Discord's list for the channel option.` };
    }
    case 'slack': {
      const link = new RegExp(`^${slackChannelLink.source}$`).exec(text);
      const id = link?.[1] ?? (slackChannelId.test(text) ? text : undefined);
      if (id) return { ok: true, value: { id, name: link?.[2] ?? '' } };
      return { ok: false, error: `"${raw}" is not a channel I can post in. Type # and pick the channel from Slack's list, so it arrives as a link, e.g. /daily set #study 09:00.` };
    }
    case 'terminal': {
      const match = /^#?([a-z0-9][a-z0-9_-]{0,79})$/i.exec(text);
      const name = match?.[1]?.toLowerCase();
      return name ? { ok: true, value: { id: name, name } } : { ok: false, error: `"${raw}" is not a channel name. Use letters, digits, - or _, e.g. #study.` };
    }
  }
}
