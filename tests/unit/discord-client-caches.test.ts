import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { botCaches, cachedPeople } from '../../src/adapters/discord/client-caches.js';
import { toInteraction } from '../../src/adapters/discord/raw-interaction.js';
import { interactionMemberJson, snowflake, memberPermissions } from '../fakes/fake-discord-payloads.js';

const guildId = snowflake();
const channelId = snowflake();
const applicationId = snowflake();

/** A /stats command from a member never seen before, as Discord POSTs it to the interactions endpoint. */
function commandFrom(memberNo: number): Record<string, unknown> {
  const user = { id: snowflake(), username: `member${memberNo}`, globalName: null };
  return {
    id: snowflake(),
    application_id: applicationId,
    type: 2,
    token: `token-${memberNo}`,
    version: 1,
    guild_id: guildId,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: guildId, name: 'study' },
    member: interactionMemberJson({ user, nick: null, permissions: memberPermissions }, '2026-01-01T00:00:00.000Z'),
    data: { id: snowflake(), name: 'stats', type: 1 },
    locale: 'en-US',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
  };
}

const clients: Client[] = [];
function client(options: Partial<ClientOptions>): Client {
  const made = new Client({ intents: [GatewayIntentBits.Guilds], ...options });
  clients.push(made);
  return made;
}

afterEach(async () => {
  for (const c of clients.splice(0)) await c.destroy();
});

describe("the Discord client's caches", () => {
  const members = cachedPeople * 3;

  it('grow with every member ever seen under discord.js defaults (what the bound is for)', () => {
    const plain = client({});
    for (let i = 0; i < members; i++) expect(toInteraction(plain, commandFrom(i))?.isChatInputCommand()).toBe(true);
    expect(plain.users.cache.size).toBe(members);
  });

  it("keep at most the bound of users however many members interact, and each interaction still carries its member's user", () => {
    const bounded = client({ makeCache: botCaches() });
    for (let i = 0; i < members; i++) {
      const interaction = toInteraction(bounded, commandFrom(i));
      expect(interaction?.user.username).toBe(`member${i}`);
    }
    expect(bounded.users.cache.size).toBeLessThanOrEqual(cachedPeople);
  });
});
