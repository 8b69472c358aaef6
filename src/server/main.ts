import { createServer } from 'node:net';
import { buildApp } from './app.js';
import { loggedRequest } from './http/request-log.js';
import { ConfigError, readConfig } from './config.js';
import { loadDemoCatalog } from './demo/demo-catalog.js';
import { loopbackUrl, startDemoRunner } from './demo/demo-runner.js';
import { systemActor } from './identity/actor.js';
import { openDatabase } from './storage/database.js';
import { migrate } from './storage/migrate.js';
import { loadMasterKey } from './secrets/master-key.js';
import { claimOnce } from './storage/settings.repo.js';

/** The composition root: config, database, migrations, services, demo data, listen. */
async function main() {
  const config = readConfig();
  // Before anything is written: a start that cannot listen must not print (and so lose) one-time secrets.
  await ensurePortFree(config.host, config.port);
  const secretsKey = loadMasterKey(config.secrets);
  // The app's logger exists only once the database is open and migrated.
  const connectionLog: { warn?: (error: Error) => void } = {};
  const database = openDatabase(config.databaseUrl, {
    queryTimeoutMs: config.queryTimeoutMs,
    onConnectionError: (error) => connectionLog.warn?.(error),
  });
  const applied = await migrate(database);
  const readiness = { started: false };
  const { app, services } = await buildApp({
    database,
    bodyLimit: config.bodyLimit,
    entityHistory: config.entityHistory,
    tokenTtlSeconds: config.tokenTtlSeconds,
    searchCacheBytes: config.searchCacheBytes,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    ...(config.oidc ? { oidc: config.oidc } : {}),
    sessions: { idleSeconds: config.sessionIdleSeconds, absoluteSeconds: config.sessionAbsoluteSeconds },
    logger: { level: config.logLevel, serializers: { req: loggedRequest } },
    readiness,
    ...(config.webDir ? { webDir: config.webDir } : {}),
    secretsKey,
    webhooks: config.webhooks,
    jobs: config.jobs,
  });
  connectionLog.warn = (error) =>
    app.log.warn({ err: error.message }, 'database connection lost; the pool reconnects');
  if (applied.length) app.log.info({ migrations: applied }, 'database migrated');
  if (secretsKey.created) app.log.info(`secrets master key created in ${secretsKey.source}`);
  if (secretsKey.warning) app.log.warn(secretsKey.warning);

  // Listening first: the one-time secrets below are stored and printed only by a start that serves.
  await app.listen({ port: config.port, host: config.host });
  const generated = await services.credentials.ensureAdminCredential(
    config.adminClientId,
    config.adminClientSecret,
  );
  if (generated) {
    // Webhooks are signed with it, as Port signs with the organisation's client secret.
    await services.signing.adopt(generated.clientSecret);
    // Printed once, on the first start of an empty installation; only its hash is stored.
    process.stdout.write(
      `\nPortico admin credential (shown once, store it now):\n  clientId:     ${generated.clientId}\n  clientSecret: ${generated.clientSecret}\n\n`,
    );
  }
  const firstAdmin = await services.sessions.ensureFirstAdmin(config.adminEmail, config.adminPassword);
  if (firstAdmin) {
    process.stdout.write(
      `Portico first admin, to sign in at http://${config.host}:${config.port} (shown once, change it after signing in):\n  email:    ${firstAdmin.email}\n  password: ${firstAdmin.password}\n\n`,
    );
  }
  let demoRunner: { stop(): Promise<void> } | undefined;
  if (config.demo) {
    const loaded = await loadDemoCatalog(services, (key) => claimOnce(database.db, key), systemActor('demo'));
    if (loaded) app.log.info('demo catalog loaded into the empty database');
    // The demo's agent actions (scaffold, deploy) are carried out by the reference runner, in this process.
    demoRunner = await startDemoRunner({
      database,
      masterKey: secretsKey.key,
      signingKey: services.signing.get,
      url: loopbackUrl(config.host, config.port),
      log: app.log,
    });
  }

  readiness.started = true;

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await demoRunner?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** A one-line error when the port is taken, rather than Node's EADDRINUSE after the secrets were printed. */
async function ensurePortFree(host: string, port: number) {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'EADDRINUSE'
        ? `Portico cannot listen on ${host}:${port}: the port is in use (set PORTICO_PORT to another port)`
        : `Portico cannot listen on ${host}:${port}: ${(error as Error).message}`,
    );
  }
  await new Promise((resolve) => probe.close(resolve));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
