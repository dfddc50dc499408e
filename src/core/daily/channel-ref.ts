import type { Platform } from '../../store/communities.js';
import type { Parsed } from './schedule-options.js';

export interface ChannelRef {
  /** What the platform addresses the channel by. */
  id: string;
  /** For display; empty when the platform only gave us an id. */
  name: string;
}

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
      const match = /^(?:<#([CG][A-Z0-9]{2,20})(?:\|([^>]*))?>|([CG][A-Z0-9]{2,20}))$/.exec(text);
      const id = match?.[1] ?? match?.[3];
      if (id) return { ok: true, value: { id, name: match?.[2] ?? '' } };
      return { ok: false, error: `"${raw}" is not a channel I can post in. Type # and pick the channel from Slack's list, so it arrives as a link, e.g. /daily set #study 09:00.` };
    }
    case 'terminal': {
      const match = /^#?([a-z0-9][a-z0-9_-]{0,79})$/i.exec(text);
      const name = match?.[1]?.toLowerCase();
      return name ? { ok: true, value: { id: name, name } } : { ok: false, error: `"${raw}" is not a channel name. Use letters, digits, - or _, e.g. #study.` };
    }
  }
}
