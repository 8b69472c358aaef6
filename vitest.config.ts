import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker reuses the modules it imported for the files it runs next: evaluating the server's modules
    // for each of 150 files took ~175 s of CPU (of ~830 s in all on two cores). Files stay independent by
    // construction: each starts its own apps on fresh names (uniqueId), a database of its own when it needs
    // an empty one (createEmptyDatabaseUrl), and stops what it started.
    isolate: false,
    // Two files at a time: most of a test's time is waiting on a server, a database or a browser, so two
    // workers keep CI within its 20 minutes on two cores (vitest's default here would be one).
    maxWorkers: 2,
    // A page's change may take longer than expect.poll's default second on a shared 2-core machine.
    expect: { poll: { timeout: 10_000 } },
    // On CI a JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/test-report.json' }]] : ['default'],
  },
});
