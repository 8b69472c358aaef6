import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time on 2 cores: most of a test's time is spent waiting on servers, databases and
    // browsers, and one at a time the suite outgrew CI's 20 minutes on a slow day.
    maxWorkers: 2,
    // A page's change may take longer than expect.poll's default second on a shared 2-core machine.
    expect: { poll: { timeout: 10_000 } },
    // On CI a JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/test-report.json' }]] : ['default'],
  },
});
