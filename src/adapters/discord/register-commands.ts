import { Routes, type APIApplication, type APIApplicationCommand, type REST } from 'discord.js';
import type { CommandSpec } from '../../core/commands/spec.js';
import { discordCommands, guildCommands } from './commands.js';

export interface RegisterOptions {
  rest: REST;
  specs: readonly CommandSpec[];
  /** Looked up with GET /oauth2/applications/@me when not given. */
  applicationId?: string;
  /** Register to this server only (instant, for testing); globally when left out. */
  guildId?: string;
  /** Remove every command instead (for example a test server's copies once registered globally). */
  clear?: boolean;
}

export interface Registration {
  applicationId: string;
  guildId?: string;
  commands: APIApplicationCommand[];
}

/**
 * Replaces the application's commands with the ones generated from the command table
 * (a bulk PUT: commands no longer in the table disappear from Discord too).
 */
export async function registerCommands(options: RegisterOptions): Promise<Registration> {
  const applicationId = options.applicationId ?? ((await options.rest.get(Routes.oauth2CurrentApplication())) as APIApplication).id;
  const commands = options.clear ? [] : discordCommands(options.specs);
  const registered = options.guildId
    ? await options.rest.put(Routes.applicationGuildCommands(applicationId, options.guildId), { body: guildCommands(commands) })
    : await options.rest.put(Routes.applicationCommands(applicationId), { body: commands });
  return { applicationId, ...(options.guildId ? { guildId: options.guildId } : {}), commands: registered as APIApplicationCommand[] };
}
