import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BotExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface BotProcess {
  child: ChildProcess;
  /** Everything written to stderr (the JSON log) so far. */
  stderr(): string;
  exited: Promise<BotExit>;
  /** Resolves once stderr shows a line matching `pattern`; rejects if the process ends first. */
  logged(pattern: RegExp): Promise<void>;
  /** Sends a signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<BotExit>;
}

export interface StartOptions {
  /** Arguments after the script. */
  args?: string[];
  /** Keep stdin open (true; the terminal adapter reads it), write this text and close it (a string), or close it at once. */
  stdin?: boolean | string;
  /** Run as another user (tests that need the OS to refuse a write when they run as root). */
  uid?: number;
  gid?: number;
  /** Run from this folder (its .env is read) instead of the project folder. */
  cwd?: string;
}

/** Variables a developer's shell or .env might set that would switch adapters on: off unless a test sets them. */
const quiet = { DISCORD_TOKEN: '', DISCORD_GUILD_ID: '', DISCORD_APPLICATION_ID: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_COMMAND_PREFIX: '' };

/** Runs the bot's entry point, `src/main.ts`, as the real bot process. */
export function startBot(env: Record<string, string>, options: StartOptions = {}): BotProcess {
  return startScript('src/main.ts', env, options);
}

/** The terminal bot fed `lines` on stdin, until it exits. */
export function runBot(args: string[], lines: string[], env: Record<string, string>): Promise<BotExit> {
  return startBot(env, { args, stdin: lines.map((l) => `${l}\n`).join('') }).exited;
}

/**
 * Runs a TypeScript script of the project (the bot, a CLI) as `npm run` would. Node itself
 * is the child (tsx is loaded with --import, not through the tsx wrapper), so a SIGKILL
 * reaches the script and not a wrapper that would leave it running.
 */
export function startScript(script: string, env: Record<string, string>, options: StartOptions = {}): BotProcess {
  // From another folder, tsx and the script are found by their full paths.
  const tsx = options.cwd ? pathToFileURL(join(process.cwd(), 'node_modules', 'tsx', 'dist', 'loader.mjs')).href : 'tsx';
  return startNode(['--import', tsx, options.cwd ? join(process.cwd(), script) : script, ...(options.args ?? [])], env, options);
}

/**
 * `node <nodeArgs>` in the project folder with only the environment given: a developer's
 * .env or shell cannot switch adapters on unless the caller does.
 */
export function startNode(nodeArgs: string[], env: Record<string, string>, options: Omit<StartOptions, 'args'> = {}): BotProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...quiet, ...env },
    stdio: [options.stdin === undefined || options.stdin === false ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  if (typeof options.stdin === 'string') child.stdin?.end(options.stdin);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<BotExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const logged = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (pattern.test(stderr)) {
          child.stderr?.off('data', check);
          resolve();
        }
      };
      child.stderr?.on('data', check);
      check();
      void exited.then((r) => reject(new Error(`${nodeArgs.join(' ')} exited (${r.code ?? r.signal}) before logging ${pattern}: ${r.stderr.slice(-2000)}`)));
    });
  return {
    child,
    stderr: () => stderr,
    exited,
    logged,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
