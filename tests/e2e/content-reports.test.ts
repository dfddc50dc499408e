import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, createTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
const repo = process.cwd();
const tsx = join(repo, 'node_modules', '.bin', 'tsx');
const script = join(repo, 'src', 'cli', 'content-reports.ts');
const env = (dbPath: string) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: dbPath });

describe('npm run content:reports lists open reports across communities', () => {
  let app: TestApp;
  beforeAll(() => {
    app = createTestApp();
    const { store } = app;
    store.write(() => {
    const one = store.communities.ensure({ platform: 'discord', externalId: 'g1', name: 'Study Group' }, 0).id;
    const two = store.communities.ensure(caller('x', { platform: 'slack', community: 'acme' }).community, 0).id;
    const [ana, bob] = ['ana', 'bob'].map((m) => store.communities.ensureMember(one, m, m === 'ana' ? 'Ana' : 'Bob', 0));
    const olu = store.communities.ensureMember(two, 'olu', 'Olu', 0);
    store.reports.report(one, 'ecs-05', ana!.id, 'EC2 launch type is not free either', 0);
    store.reports.report(one, 'ecs-05', bob!.id, 'Anywhere costs per instance-hour', 0);
    store.reports.report(two, 'ecr-02', olu.id, 'tests an acronym', 0);
    store.reports.report(two, 'lambda-01', olu.id, 'dismissed one', 0);
    store.reports.dismiss(two, 'lambda-01', 1);
    });
  });
  afterAll(() => app.dispose());

  it('names the community, item, topic, count and texts; dismissed reports are left out', async () => {
    const { stdout } = await run(tsx, [script], { cwd: repo, env: env(app.dbPath) });
    expect(stdout).toContain('discord:Study Group · ecs-05 (Amazon ECS (Elastic Container Service)) · 2 reports, not served there until dismissed');
    expect(stdout).toMatch(/Ana: EC2 launch type is not free either\n.*Bob: Anywhere costs per instance-hour/);
    expect(stdout).toContain('slack:acme · ecr-02 (Amazon ECR (Elastic Container Registry)) · 1 report\n');
    expect(stdout).not.toContain('lambda-01');
  });

  it('a missing database is one line and exit code 1', async () => {
    const failed = await run(tsx, [script], { cwd: repo, env: env(join(app.dir, 'missing.db')) }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/^No database at .*missing\.db: start the bot once, or set DATABASE_PATH\.\n$/) });
  });
});
