import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { actionRoutes } from './actions/action.routes.js';
import { createAutomationsModule } from './automations/automations-module.js';
import { createActionsModule, DEFAULT_WEBHOOKS, type WebhookOptions } from './actions/actions-module.js';
import { runRoutes } from './actions/run.routes.js';
import { runStreamRoutes } from './actions/run-stream.routes.js';
import { createJqPool, type JqPoolOptions } from './jq/jq-pool.js';
import { auditRoutes } from './audit/audit.routes.js';
import { createAuditService } from './audit/audit.service.js';
import { blueprintRoutes } from './catalog/blueprint.routes.js';
import { callerAccessRoutes } from './catalog/caller-access.routes.js';
import { createCallerAccessService } from './catalog/caller-access.service.js';
import { createBlueprintService } from './catalog/blueprint.service.js';
import { createCatalogContext } from './catalog/catalog-context.js';
import { createComputedModule, type ComputedModuleDeps } from './catalog/computed/computed-module.js';
import { createEntityHistoryService } from './catalog/entity-history.service.js';
import { entityHistoryRoutes } from './catalog/entity-history.routes.js';
import { announceCommitted, type CommitListener } from './catalog/catalog-changes.js';
import { entityRoutes } from './catalog/entity.routes.js';
import { createEntityService } from './catalog/entity.service.js';
import { frameworkErrorReply, registerErrorHandler } from './http/error-handler.js';
import { registerJsonBodyParser } from './http/json-body.js';
import { openApiOptions, registerOpenApiRoute } from './http/openapi.js';
import type { App } from './http/route-types.js';
import { registerParameterTextChecks, routeValidatorCompiler } from './http/validation.js';
import { appCredentialRoutes } from './identity/app-credentials.routes.js';
import { createAppCredentialService } from './identity/app-credentials.service.js';
import { authRoutes } from './identity/auth.routes.js';
import { createCredentialService } from './identity/credential.service.js';
import { peopleRoutes } from './identity/people.routes.js';
import { createPeopleService } from './identity/people.service.js';
import { createPermissionsService } from './identity/permissions.service.js';
import { permissionsRoutes } from './identity/permissions.routes.js';
import { ensureSystemBlueprints } from './identity/system-blueprints.js';
import { registerServiceAccounts } from './identity/service-accounts.js';
import { registerSsoTeams } from './identity/sso-teams.js';
import { actorOf, createRequestAuthenticator, rememberActor } from './identity/request-auth.js';
import { sessionRoutes } from './identity/session.routes.js';
import { loadSigningKey } from './identity/signing-key.js';
import { ssoRoutes } from './identity/sso.routes.js';
import { createSsoService } from './identity/sso.service.js';
import type { JobsConfig, OidcConfig, TrustProxy } from './config.js';
import {
  createSessionService,
  DEFAULT_SESSION_OPTIONS,
  type SessionOptions,
} from './identity/session.service.js';
import { createSignInThrottle, type ThrottleLimits } from './identity/sign-in-throttle.js';
import { DEFAULT_SEARCH_CACHE_MB } from './search/search.page-cache.js';
import { createSearchService } from './search/search.service.js';
import { secretRoutes } from './secrets/secret.routes.js';
import { integrationRoutes } from './integrations/integration.routes.js';
import { scorecardRoutes } from './scorecards/scorecard.routes.js';
import { createScorecardService } from './scorecards/scorecard.service.js';
import { createScorecardEvaluator } from './scorecards/scorecard-evaluator.js';
import { deleteScorecardsOf } from './scorecards/scorecard.repo.js';
import { createScorecardInsights } from './scorecards/scorecard-insights.service.js';
import { createInitiativeService } from './scorecards/initiative.service.js';
import { scorecardInsightRoutes } from './scorecards/scorecard-insights.routes.js';
import { createIntegrationService } from './integrations/integration.service.js';
import { createSyncLedger } from './integrations/integration-syncs.js';
import { createSecretService, type SecretsKey } from './secrets/secret.service.js';
import { searchRoutes } from './search/search.routes.js';
import { liveRoutes } from './live/live.routes.js';
import { createLiveService, type LiveOptions } from './live/live.service.js';
import type { Database } from './storage/database.js';
import { systemRoutes, type Readiness } from './http/system.routes.js';
import { refuseUnsupportedIfMatch } from './http/versions.js';
import { viewRoutes } from './views/view.routes.js';
import { portPageRoutes } from './views/port-pages.routes.js';
import { createViewService } from './views/view.service.js';
import { registerWebApp } from './http/web-app.js';
import { checkResponsesAgainstSchemas } from './http/response-contract.js';

/** A registered route, and whether it is open without credentials. */
export interface RouteSummary {
  method: string;
  url: string;
  public: boolean;
}

export interface AppOptions {
  database: Database;
  bodyLimit: number;
  tokenTtlSeconds: number;
  secureCookies?: boolean;
  sessions?: Partial<SessionOptions>;
  throttle?: ThrottleLimits;
  oidc?: OidcConfig;
  /** Proxies whose X-Forwarded-For names the client (config.ts); none by default. */
  trustProxy?: TrustProxy;
  logger?: FastifyServerOptions['logger'];
  /** main.ts listens before its start-up writes; /readyz waits for them. */
  readiness?: Readiness;
  /** The built web app's folder; dist/web by default. */
  webDir?: string;
  /** Live updates' timings and limits (GET /v1/stream); tests shorten them. */
  live?: Partial<LiveOptions>;
  /** The master key of organisation secrets; without it, secrets cannot be written or read. */
  secretsKey?: SecretsKey;
  /** How actions' webhooks are signed and sent (config.ts); by default public addresses only. */
  webhooks?: Partial<WebhookOptions>;
  /** How the job queue takes over a dead process's work (config.ts); 30 s and 30 s by default. */
  jobs?: Partial<JobsConfig>;
  /** Computed values: the time limit of a calculation's run over a batch of entities (default 1,000 ms). */
  computedJqTimeoutMs?: number;
  /** relatedTo: the relation rows a walk back from a page may read (search.walk-back.ts; tests lower it). */
  searchWalkBackRows?: number;
  /** Search pages kept between requests, in bytes (search.page-cache.ts); 64 MB by default, 0 for none. */
  searchCacheBytes?: number;
  /** Awaited by each refresh of computed values once it has read the data model (tests hold it there). */
  computedModelRead?: ComputedModuleDeps['modelRead'];
  /** Keep every version of every entity (default true). */
  entityHistory?: boolean;
  /** jq's worker threads and their limits. */
  jq?: JqPoolOptions;
  /** Apps sharing a database but not their settings (tests) keep to their own jobs. */
  jobNamespace?: string;
  /** Check every answer against its route's response schema (tests): a mismatch answers 500. */
  checkResponses?: boolean;
  /** Fire automations and keep timers (default true); tests that share a database turn it off. */
  automations?: boolean | { leaseMs?: number; pollMs?: number; batchSize?: number };
  /**
   * Keep scorecard results current (default true); `sliceSize`: entities per slice of a full evaluation;
   * `timeDependentEveryMs`: how often scorecards whose rules read the time are evaluated again.
   */
  scorecards?: boolean | { sliceSize?: number; timeDependentEveryMs?: number };
}

/** Builds the HTTP app without listening: main.ts listens, tests call `inject`. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    // Entity identifiers may be 1,000 characters (Port's limit), percent-encoded in the path.
    routerOptions: { maxParamLength: 4096 },
    frameworkErrors: frameworkErrorReply,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.setValidatorCompiler(routeValidatorCompiler);
  // Response schemas are the contract (docs/openapi.json, checked in tests), not the serialiser: on
  // entity-shaped answers, open objects, fast-json-stringify is 2-3x slower than JSON.stringify
  // (decision 0010).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerJsonBodyParser(app);
  registerParameterTextChecks(app);
  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(swagger, openApiOptions);

  // Told of every committed change of the catalog: live updates listen.
  const onCommitted: CommitListener[] = [];
  const permissions = createPermissionsService(options.database, undefined, onCommitted);
  const catalog = createCatalogContext(options.database, permissions.policy, onCommitted);
  // Two workers: one program that runs to its time limit does not hold up every other evaluation.
  const jq = createJqPool({ workers: 2, ...options.jq });
  const computed = createComputedModule({
    database: options.database,
    jq,
    onCommitted,
    log: app.log,
    history: options.entityHistory ?? true,
    ...(options.computedJqTimeoutMs ? { jqTimeoutMs: options.computedJqTimeoutMs } : {}),
    ...(options.jobNamespace ? { jobNamespace: options.jobNamespace } : {}),
    ...(options.computedModelRead ? { modelRead: options.computedModelRead } : {}),
  });
  catalog.computed = computed;
  catalog.history = options.entityHistory ?? true;
  catalog.jq = jq;
  const live = createLiveService(options.database.changes, catalog, app.log, options.live);
  onCommitted.push(live.publish);
  registerServiceAccounts(catalog.writeHooks, options.database.db, catalog.now);
  registerSsoTeams(catalog.writeHooks);
  const credentials = await createCredentialService(options.database, {
    tokenTtlSeconds: options.tokenTtlSeconds,
  });
  const blueprints = createBlueprintService(catalog);
  const entities = createEntityService(catalog);
  const entityHistory = createEntityHistoryService(catalog, entities);
  const search = createSearchService(catalog, entities, {
    ...(options.searchWalkBackRows !== undefined ? { walkBackRows: options.searchWalkBackRows } : {}),
    pageCacheBytes: options.searchCacheBytes ?? DEFAULT_SEARCH_CACHE_MB * 1024 * 1024,
  });
  const callerAccess = createCallerAccessService(catalog, entities);
  const views = createViewService(options.database, blueprints.get);
  const audit = createAuditService(options.database);
  const apps = createAppCredentialService(options.database, catalog.now);
  const secrets = await createSecretService(options.database, options.secretsKey, catalog.now);
  const integrations = createIntegrationService(options.database, catalog.now);
  const automations =
    options.automations === false
      ? undefined
      : createAutomationsModule({
          database: options.database,
          jq,
          entities,
          now: catalog.now,
          log: app.log,
          ...(options.jobNamespace ? { jobNamespace: options.jobNamespace } : {}),
          ...(typeof options.automations === 'object' ? { stream: options.automations } : {}),
        });
  const actionsModule = createActionsModule({
    database: options.database,
    entities,
    search,
    secrets,
    jq,
    ...(options.secretsKey ? { masterKey: options.secretsKey.key } : {}),
    now: catalog.now,
    log: app.log,
    webhooks: { ...DEFAULT_WEBHOOKS, ...options.webhooks },
    ...(options.jobNamespace ? { jobNamespace: options.jobNamespace } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(automations ? { handlers: automations.handlers } : {}),
    ownApi: {
      inject: async (request) => {
        const answer = await app.inject({ ...request, method: request.method as 'GET' });
        return { statusCode: answer.statusCode, headers: answer.headers, body: answer.body };
      },
      token: (automation) => credentials.issueAutomationToken(automation),
    },
  });
  automations?.attach(actionsModule);
  const evaluator =
    options.scorecards === false
      ? undefined
      : createScorecardEvaluator({
          database: options.database,
          now: catalog.now,
          log: app.log,
          onCommitted,
          ...(options.jobNamespace ? { jobNamespace: options.jobNamespace } : {}),
          ...(typeof options.scorecards === 'object' ? options.scorecards : {}),
          ...(typeof options.automations === 'object' ? { stream: options.automations } : {}),
        });
  const scorecards = createScorecardService({
    database: options.database,
    access: catalog.access,
    now: catalog.now,
    // Scorecards are part of the data model: open pages hear of a change as of their blueprint's.
    changed: (blueprint) => {
      evaluator?.wake();
      announceCommitted(onCommitted, [{ kind: 'blueprint', blueprint, action: 'updated' }]);
    },
  });
  catalog.blueprintDeleteHooks.push((trx, deletion) =>
    deleteScorecardsOf(trx, options.database.dialect, deletion.blueprint),
  );
  catalog.modelChangeHooks.push(scorecards.modelChanged);
  const insights = createScorecardInsights(options.database, scorecards, entities, catalog.now);
  const initiatives = createInitiativeService({
    database: options.database,
    access: catalog.access,
    scorecards,
    insights,
    now: catalog.now,
  });
  const { actions, runs } = actionsModule;
  catalog.blueprintDeleteHooks.push(actions.deleteWithBlueprint);
  const throttle = createSignInThrottle(options.database.db, options.throttle);
  const sessions = createSessionService(options.database, entities, throttle, {
    ...DEFAULT_SESSION_OPTIONS,
    ...options.sessions,
  });
  const people = createPeopleService(entities, search, blueprints, sessions.storedEmail);
  const authenticate = createRequestAuthenticator(credentials, sessions);
  const sso = options.oidc
    ? createSsoService(options.oidc, entities, sessions, await loadSigningKey(options.database.db))
    : undefined;
  await ensureSystemBlueprints(blueprints);

  // Decided by the route the router matched (never by the raw URL, which may be percent-encoded): every
  // route needs a caller unless it is marked `config: { public: true }`; an unmatched URL is a 404.
  app.decorateRequest('actor', {
    getter(this: FastifyRequest) {
      return actorOf(this);
    },
  });
  const routes: RouteSummary[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, public: route.config?.public === true });
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url === undefined || request.routeOptions.config.public === true) return;
    rememberActor(request, await authenticate(request));
  });
  app.addHook('preValidation', async (request) => refuseUnsupportedIfMatch(request));
  if (options.checkResponses) checkResponsesAgainstSchemas(app);

  systemRoutes(app, options.database, options.readiness);
  registerOpenApiRoute(app);
  authRoutes(app, credentials, throttle);
  sessionRoutes(app, sessions, { secureCookies: options.secureCookies ?? false });
  ssoRoutes(app, sso, { secureCookies: options.secureCookies ?? false });
  blueprintRoutes(app, blueprints);
  entityRoutes(
    app,
    entities,
    blueprints,
    runs.links,
    entityHistory,
    createSyncLedger(options.database, catalog.now),
  );
  entityHistoryRoutes(app, entityHistory);
  searchRoutes(app, search);
  auditRoutes(app, audit);
  peopleRoutes(app, people, sessions);
  appCredentialRoutes(app, apps);
  permissionsRoutes(app, permissions);
  liveRoutes(app, live, authenticate);
  callerAccessRoutes(app, callerAccess);
  viewRoutes(app, views);
  portPageRoutes(app);
  actionRoutes(app, actions);
  runRoutes(app, runs);
  runStreamRoutes(app, runs, actionsModule.watch);
  secretRoutes(app, secrets);
  integrationRoutes(app, integrations);
  scorecardRoutes(app, scorecards);
  scorecardInsightRoutes(app, insights, initiatives);
  await registerWebApp(app, options.webDir);
  app.addHook('onClose', async () => {
    await automations?.stop();
    await evaluator?.stop();
    await actionsModule.stop();
    await computed.queue.stop();
    await jq.close();
  });
  await app.ready();
  await actionsModule.start();
  await computed.queue.start();
  await automations?.start();
  await evaluator?.start();
  return {
    app,
    routes,
    services: {
      credentials,
      blueprints,
      entities,
      search,
      audit,
      people,
      apps,
      sessions,
      permissions,
      live,
      actions,
      runs,
      signing: actionsModule.signing,
      secrets,
      automations,
      integrations,
      scorecards,
      initiatives,
      evaluator,
    },
  };
}

/**
 * A hop count means "the nearest N proxies", as in Express (proxy-addr calls the function with each hop's
 * index, 0 being the peer); Fastify 5.12 reads a bare number as trusting none.
 */
function fastifyTrustProxy(trust: TrustProxy) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

export type Services = Awaited<ReturnType<typeof buildApp>>['services'];
