/**
 * The reference runner, started from the environment:
 *
 *   PORTICO_URL=http://localhost:7070 PORTICO_CLIENT_ID=… PORTICO_CLIENT_SECRET=… \
 *   PORTICO_WEBHOOK_SECRET=… npm run runner -- pull        (or: webhook)
 */
import { hostname } from 'node:os';
import { DEMO_JOBS } from './jobs.js';
import { createPorticoClient } from './portico-client.js';
import { startPulling } from './pull.js';
import { createRunner } from './runner.js';
import { startWebhookServer } from './webhook-server.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set (see examples/runner/README.md)`);
    process.exit(1);
  }
  return value;
}

const env = process.env;
const mode = process.argv[2] ?? env.PORTICO_RUNNER_MODE ?? 'pull';
if (mode !== 'pull' && mode !== 'webhook') {
  console.error(`The mode is "pull" or "webhook", not "${mode}"`);
  process.exit(1);
}
const client = createPorticoClient({
  url: env.PORTICO_URL ?? 'http://localhost:7070',
  clientId: required('PORTICO_CLIENT_ID'),
  clientSecret: required('PORTICO_CLIENT_SECRET'),
});
const signingKey = required('PORTICO_WEBHOOK_SECRET');
const runner = createRunner({
  client,
  jobs: DEMO_JOBS,
  stepDelayMs: Number(env.PORTICO_RUNNER_STEP_DELAY_MS ?? 500),
});

let stop: () => Promise<void>;
if (mode === 'webhook') {
  const server = await startWebhookServer({
    runner,
    signingKey,
    port: Number(env.PORTICO_RUNNER_PORT ?? 3100),
    host: env.PORTICO_RUNNER_HOST ?? '127.0.0.1',
  });
  console.log(
    `Runner listening for Portico's webhooks on ${server.url} (jobs: ${[...DEMO_JOBS.keys()].join(', ')})`,
  );
  stop = server.close;
} else {
  const puller = startPulling({
    client,
    runner,
    signingKey,
    installationId: env.PORTICO_RUNNER_ID ?? `runner-${hostname()}`,
    ...(env.PORTICO_RUNNER_ACTIONS ? { actions: env.PORTICO_RUNNER_ACTIONS.split(',') } : {}),
  });
  console.log(`Runner claiming runs from ${env.PORTICO_URL ?? 'http://localhost:7070'}`);
  stop = puller.stop;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    // Runs already taken are finished and reported before the runner exits.
    void stop()
      .then(() => runner.idle())
      .then(() => process.exit(0));
  });
