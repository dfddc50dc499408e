import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Native better-sqlite3 and real sockets: separate processes keep tests independent.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
