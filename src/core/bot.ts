import { parseAction, runAction, takesText } from './actions.js';
import { checkCommandArgs, parseCommandText } from './commands/parse.js';
import type { Args, Caller, Command, CommandContext, CommandSpec, CoreDeps } from './commands/spec.js';
import { notice, type Reply } from './reply.js';
import { DatabaseFileGone, isUnsavedWrite, unsavedWriteText } from '../store/store-errors.js';
import { noTelemetry, type Telemetry } from './telemetry.js';

export type BotInput =
  /** Structured, as Discord delivers a slash command. */
  | { type: 'command'; name: string; sub?: string; args: Args }
  /** Typed text, as Slack and the terminal deliver it: "/explain fargate". */
  | { type: 'text'; text: string }
  /** A button press or menu choice: the action id it carried. */
  | { type: 'action'; id: string }
  /** A form filled in (a Reply's `ask`): its action id and the text the member typed. */
  | { type: 'submit'; id: string; text: string };

/** Where unexpected errors go; the member only sees a short apology. */
export type ErrorReporter = (error: unknown, context: Record<string, unknown>) => void;

export interface Bot {
  readonly specs: readonly CommandSpec[];
  handle(caller: Caller, input: BotInput): Promise<Reply>;
}

/** The platform-free core: every adapter sends a BotInput and renders the Reply. */
export function createBot(deps: CoreDeps, commands: readonly Command[], reportError: ErrorReporter, telemetry: Telemetry = noTelemetry): Bot {
  const byName = new Map(commands.map((c) => [c.spec.name, c]));
  const specs = commands.map((c) => c.spec);

  const context = (caller: Caller): CommandContext => ({ deps, caller, community: deps.store.communities.find(caller.community) });

  async function runCommand(caller: Caller, name: string, sub: string | undefined, args: Args): Promise<Reply> {
    const command = byName.get(name);
    if (!command) return notice(`There is no /${name} command. Type /help to see what I can do.`);
    if (command.spec.admin && !caller.isAdmin) {
      return notice(`Only server or workspace admins can use /${name}. Ask an admin to set it up.`);
    }
    const checked = checkCommandArgs(command.spec, sub, args);
    if ('error' in checked) return notice(`${checked.error} Usage: ${command.spec.usage}`);
    return command.run(context(caller), checked.values, sub);
  }

  async function runPress(caller: Caller, id: string, submitted?: string): Promise<Reply> {
    const action = parseAction(id);
    if (!action) return notice('That button is not one I recognise any more. Try the command again, or /help.');
    // Only an action that takes a text (a report) may come with one; any other is a forgery.
    if (submitted !== undefined && !takesText(action)) return notice('That form is not one I recognise. Try the command again, or /help.');
    return await runAction(action, { ctx: context(caller), command: (name) => byName.get(name), ...(submitted !== undefined ? { submitted } : {}) });
  }

  /** The input's name for the counts: a known command, or an action kind; anything else is "unknown", so labels stay few. */
  function nameOf(input: BotInput): { kind: 'command' | 'press'; name: string } {
    // A submitted form counts as a press of the action it carries, never by the text typed in it.
    if (input.type === 'action' || input.type === 'submit') return { kind: 'press', name: parseAction(input.id)?.type ?? 'unknown' };
    const name = input.type === 'command' ? input.name : /^\s*\/?([a-z][a-z0-9-]*)/i.exec(input.text)?.[1]?.toLowerCase();
    return { kind: 'command', name: name !== undefined && byName.has(name) ? name : 'unknown' };
  }

  async function dispatch(caller: Caller, input: BotInput): Promise<Reply> {
    if (input.type === 'action') return await runPress(caller, input.id);
    if (input.type === 'submit') return await runPress(caller, input.id, input.text);
    if (input.type === 'command') return await runCommand(caller, input.name, input.sub, input.args);
    const parsed = parseCommandText(input.text, specs);
    if (!parsed.ok) {
      const usage = parsed.name ? byName.get(parsed.name)?.spec.usage : undefined;
      return notice(`${parsed.error} ${usage ? `Usage: ${usage}` : 'Type /help to see the commands.'}`);
    }
    return await runCommand(caller, parsed.name, parsed.sub, parsed.args);
  }

  return {
    specs,
    async handle(caller, input) {
      const started = performance.now();
      try {
        return await dispatch(caller, input);
      } catch (error) {
        // A deleted database file is logged once, where it is found (store/db-file.ts), not once per member.
        const logged = input.type === 'text' ? input.text.slice(0, 200) : input.type === 'submit' ? { ...input, text: input.text.slice(0, 200) } : input;
        if (!(error instanceof DatabaseFileGone)) reportError(error, { input: logged, community: caller.community, user: caller.userId });
        // A refused write rolled back whole: say plainly that nothing counted, so a member presses again.
        telemetry.failure(isUnsavedWrite(error) ? 'unsaved_write' : 'command_error');
        if (isUnsavedWrite(error)) return notice(unsavedWriteText);
        return notice('Sorry, something went wrong on my side. It has been logged; please try again in a moment.');
      } finally {
        const { kind, name } = nameOf(input);
        telemetry.handled(kind, name, (performance.now() - started) / 1000);
      }
    },
  };
}
