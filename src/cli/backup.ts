import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from '../config.js';
import { backupDatabase, defaultBackupPath } from '../store/backup.js';
import { StoreError } from '../store/db.js';

const usage = 'Usage: npm run backup -- [--out FILE]   (default: backups/cloudstudy-<UTC time>.db)';

/** `npm run backup`: a consistent copy of DATABASE_PATH, safe to run while the bot runs. */
async function main(): Promise<number> {
  // The same settings as the bot: a .env file is optional and real environment variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let out: string | undefined;
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', default: false } }, allowPositionals: false });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    out = values.out;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  const config = parseConfig(process.env);
  const { destination, pages } = await backupDatabase(config.DATABASE_PATH, out ?? defaultBackupPath(new Date()));
  process.stdout.write(`Backed up ${config.DATABASE_PATH} to ${destination} (${pages} pages, integrity check ok)\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof StoreError;
    process.stderr.write(`backup failed: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
