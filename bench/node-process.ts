import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/app.js';

export interface Started {
  /** What the process reported when it said it was ready. */
  readyLine: string;
  pid: number;
  stop(): Promise<void>;
}

/** `npm start`'s node flags and script ("node --flags dist/main.js"), so the bench runs what users run. */
export function startCommand(): { flags: string[]; script: string } {
  const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  const script = args.pop();
  if (command !== 'node' || !script) throw new Error(`npm start is not "node … script": ${scripts.start}`);
  return { flags: args, script };
}

/**
 * A node process with `npm start`'s flags, resolved once a line of its output (stdout or
 * stderr) contains `readyMark`; stopped with SIGTERM, as a service manager would.
 */
export function startNode(args: string[], env: Record<string, string>, readyMark: string, options: { stdinOpen?: boolean } = {}): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...startCommand().flags, ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: [options.stdinOpen ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let ready = false;
    const onData = (d: Buffer): void => {
      if (ready) return;
      output += d.toString();
      const line = output.split('\n').find((l) => l.includes(readyMark));
      if (!line) return;
      ready = true;
      resolve({
        readyLine: line,
        pid: child.pid ?? 0,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('close', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => {
      if (!ready) reject(new Error(`${args.join(' ')} exited (${code}) before it was ready: ${output.slice(-500)}`));
    });
  });
}

/** The bot as `npm start` runs it (the built dist/main.js), until its 'ready' log line. */
export async function startBot(env: Record<string, string>, stdinOpen: boolean): Promise<Started & { readyMs: number }> {
  const bot = await startNode([startCommand().script, '--json'], { LOG_LEVEL: 'info', ...env }, '"ready"', { stdinOpen });
  const { startupMs } = JSON.parse(bot.readyLine) as { startupMs: number };
  return { ...bot, readyMs: startupMs };
}
