import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from 'node:util';
import { configSchema, parseConfig } from '../../src/config.js';

describe('.env.example', () => {
  const example = readFileSync(join(process.cwd(), '.env.example'), 'utf8');
  const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
  const settings = Object.keys(configSchema.shape);

  it('documents every setting the bot reads, each with a comment above it, and nothing it does not read', () => {
    expect([...documented].sort()).toEqual([...settings].sort());
    for (const name of settings) expect(example, `${name} needs a comment line right above it`).toMatch(new RegExp(`^#.*\\n${name}=`, 'm'));
  });

  it('holds no real value for a token or secret', () => {
    for (const line of example.split('\n').filter((l) => /^[A-Z_]*(TOKEN|SECRET)=/.test(l))) expect(line).toMatch(/=$/);
  });

  it('reads as it stands: every variable left empty there means unset, exactly as if it were missing', () => {
    const values = parseEnv(example);
    expect(() => parseConfig(values)).not.toThrow();
    const empty = Object.keys(values).filter((name) => values[name] === '');
    expect(empty).toContain('LOG_LEVEL');
    for (const name of empty) expect(parseConfig({ [name]: '' }), name).toEqual(parseConfig({}));
  });
});
