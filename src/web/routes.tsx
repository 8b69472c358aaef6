import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { isAdmin, sessionQuery } from './api/session.queries';
import { entitySearchOf, parseTableSearch } from './features/catalog/table-search';
import { accessQuery, blueprintListQuery, blueprintQuery } from './api/blueprint.queries';
import { entityListQuery, entityQuery } from './api/entity.queries';
import { allScorecardsQuery, scorecardListQuery, scorecardQuery } from './api/scorecard.queries';
import { parseAuditSearch } from './features/audit/audit-search';
import { parseScorecardSearch } from './features/scorecards/scorecard-search';
import { actionQuery } from './api/action.queries';
import { runQuery } from './api/run.queries';
import { automationListQuery, firingListQuery } from './api/automation.queries';
import { integrationListQuery, integrationQuery, integrationSyncsQuery } from './api/integration.queries';
import { parseIntegrationSearch } from './features/integrations/integration-search';
import { parseRunFilter, type RunFilterName } from './features/actions/run-statuses';
import { NotFoundPage } from './pages/not-found.page';
import { ErrorPage } from './pages/error.page';
import { SignInPage } from './pages/sign-in.page';
import { AppLayout } from './shell/app-layout';
import { CatalogPage } from './pages/catalog.page';
import { BlueprintTablePage } from './pages/blueprint-table.page';

export interface RouterContext {
  queryClient: QueryClient;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: () => <NotFoundPage />,
  errorComponent: ErrorPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; passwordSet?: true } => ({
    redirect: text(search.redirect),
    // Set by /set-password: the sign-in page says that the new password is ready.
    passwordSet: search.passwordSet === true ? true : undefined,
  }),
  component: SignInPage,
});

/** Where an invitation or password link leads (its token in the fragment); no session needed. */
const setPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/set-password',
  component: lazyRouteComponent(() => import('./pages/set-password.page'), 'SetPasswordPage'),
});

/** Every page but sign-in and set-password: without a session, sign in first and come back to the same URL. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery());
    if (!session) {
      throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    }
    return { session };
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/catalog' });
  },
});

const catalogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog',
  component: CatalogPage,
});

const blueprintTableRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog/$blueprint',
  validateSearch: parseTableSearch,
  loaderDeps: ({ search }) => search,
  // Started together, not one after another: the rows do not wait for the blueprint's columns.
  loader: ({ context: { queryClient }, params, deps }) => {
    void queryClient.prefetchQuery(blueprintQuery(params.blueprint));
    void queryClient.prefetchInfiniteQuery(entityListQuery(entitySearchOf(params.blueprint, deps)));
    void queryClient.prefetchQuery(accessQuery(params.blueprint));
    void queryClient.prefetchQuery(scorecardListQuery(params.blueprint));
  },
  component: BlueprintTablePage,
});

const entityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/catalog/$blueprint/$entity',
  loader: ({ context: { queryClient }, params }) => {
    void queryClient.prefetchQuery(blueprintQuery(params.blueprint));
    void queryClient.prefetchQuery(entityQuery(params.blueprint, params.entity));
    void queryClient.prefetchQuery(blueprintListQuery());
    void queryClient.prefetchQuery(scorecardListQuery(params.blueprint));
  },
  component: lazyRouteComponent(() => import('./pages/entity.page'), 'EntityPage'),
});

const entityOverviewRoute = createRoute({
  getParentRoute: () => entityRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./pages/entity-overview.page'), 'EntityOverviewPage'),
});

const entityRelatedRoute = createRoute({
  getParentRoute: () => entityRoute,
  path: '/related',
  component: lazyRouteComponent(() => import('./pages/entity-related.page'), 'EntityRelatedPage'),
});

const entityGraphRoute = createRoute({
  getParentRoute: () => entityRoute,
  path: '/graph',
  component: lazyRouteComponent(() => import('./pages/entity-graph.page'), 'EntityGraphPage'),
});

const entityScorecardsRoute = createRoute({
  getParentRoute: () => entityRoute,
  path: '/scorecards',
  loader: ({ context: { queryClient }, params }) =>
    void queryClient.prefetchQuery(scorecardListQuery(params.blueprint)),
  component: lazyRouteComponent(() => import('./pages/entity-scorecards.page'), 'EntityScorecardsPage'),
});

const entityHistoryRoute = createRoute({
  getParentRoute: () => entityRoute,
  path: '/history',
  component: lazyRouteComponent(() => import('./pages/entity-history.page'), 'EntityHistoryPage'),
});

/** Every scorecard, by blueprint. */
const scorecardsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/scorecards',
  loader: ({ context: { queryClient } }) => void queryClient.prefetchQuery(allScorecardsQuery()),
  component: lazyRouteComponent(() => import('./pages/scorecards.page'), 'ScorecardsPage'),
});

/** A scorecard: its rules by level, its evaluation, its levels now and over time, its initiatives. */
const scorecardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/scorecards/$blueprint/$scorecard',
  validateSearch: parseScorecardSearch,
  loader: ({ context: { queryClient }, params }) => {
    void queryClient.prefetchQuery(blueprintQuery(params.blueprint));
    void queryClient.prefetchQuery(scorecardQuery(params.blueprint, params.scorecard));
  },
  component: lazyRouteComponent(() => import('./pages/scorecard.page'), 'ScorecardPage'),
});

const dataModelRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/data-model',
  component: lazyRouteComponent(() => import('./pages/data-model.page'), 'DataModelPage'),
});

const blueprintEditorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/data-model/$blueprint',
  component: lazyRouteComponent(() => import('./pages/blueprint-editor.page'), 'BlueprintEditorPage'),
});

const auditLogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit-log',
  validateSearch: parseAuditSearch,
  component: lazyRouteComponent(() => import('./pages/audit-log.page'), 'AuditLogPage'),
});

const selfServiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/self-service',
  validateSearch: (search: Record<string, unknown>): { q?: string } => ({ q: text(search.q) }),
  component: lazyRouteComponent(() => import('./pages/self-service.page'), 'SelfServicePage'),
});

/** An action's form; `entity` for DAY-2 and DELETE actions, `rerun` to fill it from an earlier run. */
const actionRunRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/self-service/$action',
  validateSearch: (search: Record<string, unknown>): { entity?: string; rerun?: string } => ({
    entity: text(search.entity),
    rerun: text(search.rerun),
  }),
  loaderDeps: ({ search }) => ({ rerun: search.rerun }),
  loader: ({ context: { queryClient }, params, deps }) => {
    void queryClient.prefetchQuery(actionQuery(params.action));
    if (deps.rerun) void queryClient.prefetchQuery(runQuery(deps.rerun));
  },
  component: lazyRouteComponent(() => import('./pages/action-run.page'), 'ActionRunPage'),
});

const runsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/runs',
  validateSearch: (search: Record<string, unknown>): { status?: RunFilterName; view?: 'approvals' } => ({
    status: parseRunFilter(search.status),
    view: search.view === 'approvals' ? 'approvals' : undefined,
  }),
  component: lazyRouteComponent(() => import('./pages/runs.page'), 'RunsPage'),
});

const runRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/runs/$runId',
  loader: ({ context: { queryClient }, params }) => void queryClient.prefetchQuery(runQuery(params.runId)),
  component: lazyRouteComponent(() => import('./pages/run.page'), 'RunPage'),
});

/** Every automation, for Admins: the server shows nobody else any. */
const automationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/automations',
  loader: ({ context: { queryClient } }) => void queryClient.prefetchQuery(automationListQuery()),
  component: lazyRouteComponent(() => import('./pages/automations.page'), 'AutomationsPage'),
});

/** An automation's history: its definition and its firings, newest first. */
const automationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/automations/$automation',
  loader: ({ context: { queryClient }, params }) => {
    void queryClient.prefetchQuery(actionQuery(params.automation));
    void queryClient.prefetchQuery(firingListQuery(params.automation));
  },
  component: lazyRouteComponent(() => import('./pages/automation.page'), 'AutomationPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./pages/settings.page'), 'SettingsPage'),
});

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/users' });
  },
});

const settingsUsersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/users',
  component: lazyRouteComponent(() => import('./pages/settings-users.page'), 'SettingsUsersPage'),
});

const settingsTeamsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/teams',
  component: lazyRouteComponent(() => import('./pages/settings-teams.page'), 'SettingsTeamsPage'),
});

const settingsCredentialsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/credentials',
  component: lazyRouteComponent(() => import('./pages/settings-credentials.page'), 'SettingsCredentialsPage'),
});

const settingsPermissionsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/permissions',
  // The blueprint shown is in the URL: a link to it can be shared, and it survives a reload.
  validateSearch: (search: Record<string, unknown>): { blueprint?: string } => ({
    blueprint: text(search.blueprint),
  }),
  component: lazyRouteComponent(() => import('./pages/settings-permissions.page'), 'SettingsPermissionsPage'),
});

/** Port's integrations (Ocean's) and their syncs, for Admins: the server refuses anyone else. */
const settingsIntegrationsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/integrations',
  loader: ({ context: { queryClient, session } }) => {
    if (isAdmin(session.user)) void queryClient.prefetchQuery(integrationListQuery());
  },
  component: lazyRouteComponent(
    () => import('./pages/settings-integrations.page'),
    'SettingsIntegrationsPage',
  ),
});

/** An integration: its state, syncs, a sync's metrics, its mapping and log; resync and delete it. */
const settingsIntegrationRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/integrations/$integration',
  // The sync whose metrics show and the log's lowest level: a link keeps them, and a reload.
  validateSearch: parseIntegrationSearch,
  loader: ({ context: { queryClient, session }, params }) => {
    if (!isAdmin(session.user)) return;
    void queryClient.prefetchQuery(integrationQuery(params.integration));
    void queryClient.prefetchQuery(integrationSyncsQuery(params.integration));
  },
  component: lazyRouteComponent(() => import('./pages/settings-integration.page'), 'SettingsIntegrationPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  setPasswordRoute,
  appRoute.addChildren([
    homeRoute,
    catalogRoute,
    blueprintTableRoute,
    entityRoute.addChildren([
      entityOverviewRoute,
      entityScorecardsRoute,
      entityRelatedRoute,
      entityGraphRoute,
      entityHistoryRoute,
    ]),
    scorecardsRoute,
    scorecardRoute,
    dataModelRoute,
    blueprintEditorRoute,
    auditLogRoute,
    selfServiceRoute,
    actionRunRoute,
    runsRoute,
    runRoute,
    automationsRoute,
    automationRoute,
    settingsRoute.addChildren([
      settingsIndexRoute,
      settingsUsersRoute,
      settingsTeamsRoute,
      settingsCredentialsRoute,
      settingsPermissionsRoute,
      settingsIntegrationsRoute,
      settingsIntegrationRoute,
    ]),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultNotFoundComponent: () => <NotFoundPage />,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
