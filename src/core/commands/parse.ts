import type { Args, CommandSpec, OptionSpec } from './spec.js';

export type ParsedCommand =
  | { ok: true; name: string; sub?: string; args: Record<string, string> }
  | { ok: false; error: string; name?: string };

export const maxCommandLength = 1000;

/**
 * Parses "/name [sub] args" typed on Slack or in the terminal into the same shape
 * Discord delivers. Options may be given in order or as name:value.
 */
export function parseCommandText(text: string, specs: readonly CommandSpec[]): ParsedCommand {
  if (text.length > maxCommandLength) return { ok: false, error: `That command is too long (${text.length} characters; the limit is ${maxCommandLength}).` };
  const trimmed = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const match = /^\/?([a-z][a-z0-9-]*)(?:\s+([\s\S]*))?$/i.exec(trimmed);
  if (!match) return { ok: false, error: 'Commands start with a slash, like /explain fargate.' };
  const name = (match[1] ?? '').toLowerCase();
  const spec = specs.find((s) => s.name === name);
  if (!spec) return { ok: false, error: `There is no /${name} command.` };
  let rest = (match[2] ?? '').trim();
  let options = spec.options;
  let sub: string | undefined;
  if (spec.subcommands) {
    const [first = '', ...others] = rest.split(/\s+/);
    const found = spec.subcommands.find((s) => s.name === first.toLowerCase());
    if (!found) {
      const names = spec.subcommands.map((s) => s.name).join(', ');
      return { ok: false, name, error: first ? `/${name} has no "${first}" action; use one of: ${names}.` : `/${name} needs an action: ${names}.` };
    }
    sub = found.name;
    options = found.options;
    rest = others.join(' ');
  }
  const args = parseOptions(rest, options);
  if ('error' in args) return { ok: false, name, error: args.error };
  return sub === undefined ? { ok: true, name, args: args.values } : { ok: true, name, sub, args: args.values };
}

function parseOptions(text: string, options: readonly OptionSpec[]): { values: Record<string, string> } | { error: string } {
  const values: Record<string, string> = {};
  const restOption = options.find((o) => o.rest);
  if (restOption && options.length === 1) {
    if (text) values[restOption.name] = text;
    return check(values, options);
  }
  const positional: string[] = [];
  for (const token of tokenize(text)) {
    const named = /^([a-z][a-z_-]*)[:=](.+)$/i.exec(token);
    const option = named && options.find((o) => o.name === named[1]?.toLowerCase());
    if (named && option) values[option.name] = named[2] ?? '';
    else positional.push(token);
  }
  const free = options.filter((o) => values[o.name] === undefined);
  for (const token of positional) {
    const option = free.shift();
    if (!option) return { error: `I did not understand "${token}".` };
    values[option.name] = token;
  }
  return check(values, options);
}

/**
 * Checks a command against the table however it arrived: typed, or structured as Discord
 * delivers it. A platform's own checks (Discord's choices, required options and lengths)
 * are not trusted: a crafted interaction skips them.
 */
export function checkCommandArgs(spec: CommandSpec, sub: string | undefined, args: Args): { values: Record<string, string> } | { error: string } {
  let options = spec.options;
  if (spec.subcommands) {
    const found = spec.subcommands.find((s) => s.name === sub);
    const names = spec.subcommands.map((s) => s.name).join(', ');
    if (!found) return { error: sub ? `/${spec.name} has no "${sub}" action; use one of: ${names}.` : `/${spec.name} needs an action: ${names}.` };
    options = found.options;
  } else if (sub !== undefined) return { error: `/${spec.name} has no "${sub}" action.` };
  const values: Record<string, string> = {};
  for (const option of options) {
    const value = args[option.name];
    if (value !== undefined) values[option.name] = value;
  }
  return check(values, options);
}

function check(values: Record<string, string>, options: readonly OptionSpec[]): { values: Record<string, string> } | { error: string } {
  for (const option of options) {
    const value = values[option.name];
    if (value === undefined) {
      if (option.required) return { error: `Missing ${option.name}: ${option.description}.` };
      continue;
    }
    if (option.maxLength !== undefined && value.length > option.maxLength) {
      return { error: `${option.name} is too long (at most ${option.maxLength} characters).` };
    }
    if (option.choices && !option.choices.includes(value.toLowerCase())) {
      return { error: `${option.name} must be one of: ${option.choices.join(', ')} (not "${value}").` };
    }
    if (option.choices) values[option.name] = value.toLowerCase();
  }
  return { values };
}

/** Splits on spaces, keeping "quoted phrases" together. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) tokens.push(m[1] ?? m[2] ?? '');
  return tokens.filter((t) => t.length > 0);
}
