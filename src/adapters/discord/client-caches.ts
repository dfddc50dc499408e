import { Options, type CacheFactory } from 'discord.js';

/** Users and members kept per process: enough for the members active right now, not everyone ever seen. */
export const cachedPeople = 1_000;

/**
 * discord.js keeps every user, member and message it is sent, forever by default: a bot in
 * thousands of servers would grow without bound. The bot reads each interaction's user and
 * member from the interaction itself and sends every message over REST by id, so it needs
 * none of them cached. Guilds and channels stay cached (the gateway keeps them current, and
 * a channel check reads them). Members and users are kept up to a bound, the bot's own always.
 */
export function botCaches(): CacheFactory {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    UserManager: { maxSize: cachedPeople, keepOverLimit: (user) => user.id === user.client.user?.id },
    GuildMemberManager: { maxSize: cachedPeople, keepOverLimit: (member) => member.id === member.client.user?.id },
  });
}
