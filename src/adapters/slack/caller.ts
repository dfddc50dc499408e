import type { webApi } from '@slack/bolt';
import type { Caller } from '../../core/commands/spec.js';
import type { Logger } from '../../log.js';

/** What Slack tells us about who acted, straight from the payload. */
export interface SlackIdentity {
  teamId: string;
  /** The workspace's domain or name, when the payload carries it. */
  teamName?: string;
  userId: string;
  /** The payload's user name: the fallback display name when users.info fails. */
  userName?: string;
  channelId?: string;
}

interface Profile {
  displayName: string;
  isAdmin: boolean;
}

export interface CallerOptions {
  /** SLACK_ADMIN_USERS: may configure the daily quiz whatever users.info says. */
  adminUsers: ReadonlySet<string>;
  log: Logger;
  /** How long a users.info answer is trusted; short, so a demoted admin loses access soon. */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * Turns a Slack user into the core's Caller. The display name and the admin flag come from
 * users.info (is_admin / is_owner), cached briefly because every command and button needs
 * them and Slack rate-limits users.info.
 */
export class SlackCallers {
  private readonly cache = new Map<string, { profile: Promise<Profile | undefined>; expires: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly options: CallerOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 5000;
  }

  /**
   * Never throws: when users.info fails the member is named from the payload and is no admin.
   * The cache is keyed by workspace and user, since admin rights hold in one workspace.
   */
  async resolve(who: SlackIdentity): Promise<Caller> {
    const profile = await this.profile(who.teamId, who.userId);
    const listed = this.options.adminUsers.has(who.userId);
    return {
      community: { platform: 'slack', externalId: who.teamId, ...(who.teamName ? { name: who.teamName } : {}) },
      userId: who.userId,
      displayName: profile?.displayName ?? who.userName ?? who.userId,
      isAdmin: listed || (profile?.isAdmin ?? false),
      ...(who.channelId ? { channelId: who.channelId } : {}),
    };
  }

  private profile(teamId: string, userId: string): Promise<Profile | undefined> {
    const key = `${teamId}:${userId}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.profile;
    const profile = this.fetch(teamId, userId);
    this.cache.delete(key);
    if (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(key, { profile, expires: now + this.ttlMs });
    // A failed lookup is not remembered: the next command asks again.
    void profile.then((p) => {
      if (!p && this.cache.get(key)?.profile === profile) this.cache.delete(key);
    });
    return profile;
  }

  private async fetch(teamId: string, userId: string): Promise<Profile | undefined> {
    try {
      const { user } = await this.client.users.info({ user: userId });
      if (!user) return undefined;
      const name = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name].find((n) => typeof n === 'string' && n.trim() !== '');
      return { displayName: (name ?? userId).trim().slice(0, 80), isAdmin: isAdminOf(teamId, user) };
    } catch (error) {
      this.options.log.warn({ err: error, userId }, 'slack users.info failed; using the payload name and no admin rights');
      return undefined;
    }
  }
}

/**
 * Whether users.info's answer makes this user an admin of the workspace a command came
 * from. is_admin and is_owner speak for the user's own workspace (team_id) only: an admin of
 * one workspace sending a command that carries another is no admin there. On Enterprise
 * Grid, an organisation admin or owner (enterprise_user) is an admin in each of the
 * organisation's workspaces it lists for them, and nowhere else.
 */
export function isAdminOf(teamId: string, user: NonNullable<webApi.UsersInfoResponse['user']>): boolean {
  const workspaceAdmin = user.team_id === teamId && Boolean(user.is_admin || user.is_owner || user.is_primary_owner);
  const org = user.enterprise_user;
  const orgAdmin = Boolean(org && (org.is_admin || org.is_owner) && (org.teams ?? []).includes(teamId));
  return workspaceAdmin || orgAdmin;
}

/** Parses SLACK_ADMIN_USERS: Slack user ids separated by commas or spaces. */
export function parseAdminUsers(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(/[\s,]+/).filter((id) => id !== ''));
}
