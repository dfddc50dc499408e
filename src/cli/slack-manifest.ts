import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApp } from '../app.js';
import { buildManifest, manifestYaml, type ManifestOptions } from '../adapters/slack/manifest.js';
import { ConfigError, configSchema } from '../config.js';
import { createLogger } from '../log.js';

const usage = `Usage: npm run -s slack:manifest -- [--prefix cs] [--url https://host/slack/events] [--name cloudstudy] [--json] [--out FILE]
  --prefix  command prefix (default: SLACK_COMMAND_PREFIX): /cs-explain instead of /explain
  --url     HTTP mode: the public request URL; without it the manifest uses Socket Mode
  --json    JSON instead of YAML
  --out     write to FILE instead of printing`;

/**
 * `npm run slack:manifest`: prints the Slack app manifest generated from the command table
 * the running bot uses, ready to paste into "Create New App -> From a manifest".
 */
function main(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values } = parseArgs({
    options: {
      prefix: { type: 'string' },
      url: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  // Only the settings this command reads are checked: no tokens are needed to print a manifest.
  const settings = configSchema.pick({ SLACK_COMMAND_PREFIX: true, CONTENT_DIR: true }).safeParse({
    SLACK_COMMAND_PREFIX: values.prefix ?? process.env.SLACK_COMMAND_PREFIX,
    CONTENT_DIR: process.env.CONTENT_DIR,
  });
  if (!settings.success) {
    const issue = settings.error.issues[0];
    throw new ConfigError(`${values.prefix !== undefined ? '--prefix' : (issue?.path.join('.') ?? 'settings')} ${issue?.message ?? 'is invalid'}`);
  }
  if (values.url !== undefined && !/^https:\/\/[^\s]+$/.test(values.url)) throw new ConfigError('--url must be the https URL Slack can reach, ending in /slack/events');
  // The command table is the one the running bot uses; an in-memory database is enough to build it.
  const app = createApp({ databasePath: ':memory:', contentDir: settings.data.CONTENT_DIR, log: createLogger('warn') });
  const specs = app.bot.specs;
  app.close();
  const options: ManifestOptions = {
    ...(settings.data.SLACK_COMMAND_PREFIX ? { commandPrefix: settings.data.SLACK_COMMAND_PREFIX } : {}),
    ...(values.url ? { requestUrl: values.url } : {}),
    ...(values.name ? { appName: values.name } : {}),
  };
  const text = values.json ? `${JSON.stringify(buildManifest(specs, options), null, 2)}\n` : manifestYaml(specs, options);
  if (values.out) {
    writeFileSync(values.out, text);
    process.stderr.write(`Wrote ${values.out}\n`);
  } else process.stdout.write(text);
}

try {
  main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`slack:manifest failed: ${message}\n${usage}\n`);
  process.exit(1);
}

