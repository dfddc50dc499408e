import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface BotRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** Runs `npm start`'s entry point as a real child process, feeding it lines on stdin. */
export function runBot(args: string[], lines: string[], env: Record<string, string>): Promise<BotRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['src/main.ts', ...args], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}
