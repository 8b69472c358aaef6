import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';
import { describeEachDatabase, type DialectUnderTest } from './databases.js';

const CHROMIUM = process.env.PORTICO_TEST_CHROMIUM ?? '/usr/bin/chromium';

/**
 * describeEachDatabase for suites that drive the browser. Outside CI, without Chromium, they are skipped
 * with a warning (as the PostgreSQL half is without PostgreSQL); with CI=true a missing Chromium fails them.
 */
export function describeEachDatabaseInBrowser(name: string, suite: (dialect: DialectUnderTest) => void) {
  if (existsSync(CHROMIUM) || process.env.CI) return describeEachDatabase(name, suite);
  console.warn(`${CHROMIUM} is missing: "${name}" is skipped (apt-get install -y chromium runs it)`);
  describe.skip(name, () => suite('sqlite'));
}

/**
 * Debian's Chromium, headless, driven by playwright-core. The background-networking flags keep it from
 * calling out: this machine's network is closed and every refused connection slows it down.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
