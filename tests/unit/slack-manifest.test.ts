import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { load as parse } from 'js-yaml';
import { botScopes, buildManifest, manifestYaml, usageHint } from '../../src/adapters/slack/manifest.js';
import { projectRoot } from '../../src/app.js';
import { createTestApp } from '../support/test-app.js';

interface SlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

const app = createTestApp();
const specs = app.bot.specs;
afterAll(() => app.dispose());

const commandsOf = (manifest: Record<string, unknown>): SlashCommand[] => (manifest.features as { slash_commands: SlashCommand[] }).slash_commands;

describe('Slack app manifest', () => {
  it('is committed at the repo root exactly as generated (npm run slack:manifest -- --out slack-manifest.yaml)', () => {
    const committed = readFileSync(join(projectRoot, 'slack-manifest.yaml'), 'utf8');
    expect(committed).toBe(manifestYaml(specs));
  });

  it('declares every command of the table, and nothing else', () => {
    const commands = commandsOf(parse(manifestYaml(specs)) as Record<string, unknown>);
    expect(commands.map((c) => c.command)).toEqual(specs.map((s) => `/${s.name}`));
    for (const spec of specs) {
      const command = commands.find((c) => c.command === `/${spec.name}`);
      expect(command?.description).toContain(spec.description.slice(0, 50));
      if (usageHint(spec)) expect(command?.usage_hint).toBe(usageHint(spec));
    }
  });

  it('derives usage hints from the options: required <x>, optional [x], choices a|b', () => {
    const byName = (name: string) => specs.find((s) => s.name === name)!;
    expect(usageHint(byName('explain'))).toBe('<topic>');
    expect(usageHint(byName('quiz'))).toBe('[topic]');
    expect(usageHint(byName('leaderboard'))).toBe('[week|month|all]');
    expect(usageHint(byName('help'))).toBe('');
  });

  it('escapes channel mentions only for commands with a channel option', () => {
    const commands = commandsOf(buildManifest(specs));
    for (const spec of specs) {
      const hasChannel = [...spec.options, ...(spec.subcommands ?? []).flatMap((s) => s.options)].some((o) => o.type === 'channel');
      expect(commands.find((c) => c.command === `/${spec.name}`)?.should_escape).toBe(hasChannel);
    }
  });

  it('prefixes every command when a prefix is configured', () => {
    const commands = commandsOf(buildManifest(specs, { commandPrefix: 'cs' }));
    expect(commands.map((c) => c.command)).toEqual(specs.map((s) => `/cs-${s.name}`));
  });

  it('uses Socket Mode without a URL, and the request URL everywhere in HTTP mode', () => {
    const socket = buildManifest(specs) as { settings: Record<string, unknown> };
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('request_url');

    const url = 'https://bot.example.com/slack/events';
    const http = buildManifest(specs, { requestUrl: url }) as { settings: { socket_mode_enabled: boolean; interactivity: { request_url: string }; event_subscriptions: { request_url: string; bot_events: string[] } } };
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.interactivity.request_url).toBe(url);
    expect(http.settings.event_subscriptions.request_url).toBe(url);
    expect(http.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(commandsOf(http as unknown as Record<string, unknown>).every((c) => c.url === url)).toBe(true);
  });

  it('asks for the scopes the adapter uses, and enables the App Home and interactivity', () => {
    const manifest = buildManifest(specs) as { oauth_config: { scopes: { bot: string[] } }; features: { app_home: { home_tab_enabled: boolean } }; settings: { interactivity: { is_enabled: boolean } } };
    expect(manifest.oauth_config.scopes.bot).toEqual([...botScopes]);
    for (const scope of ['commands', 'chat:write', 'users:read', 'files:write']) expect(manifest.oauth_config.scopes.bot).toContain(scope);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });
});
