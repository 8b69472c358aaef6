import type { PorticoClient } from './portico-client.js';

/** What a job can do while it runs: write log lines, pause between steps, call Portico. */
export interface JobContext {
  runId: string;
  client: PorticoClient;
  log(line: string): Promise<void>;
  /** A pause between steps, so that people watching the run see it progress (none in tests). */
  step(): Promise<void>;
}

/** What the run's last log line says, and its label. */
export interface JobResult {
  message: string;
  statusLabel?: string;
}

/** One kind of work. `body` is the action's webhook body as Portico rendered it. */
export type Job = (body: Record<string, unknown>, context: JobContext) => Promise<JobResult>;

/** A problem with the request itself: the run fails with this message. */
export class JobError extends Error {}

const NAME = /^[a-z][a-z0-9-]{1,62}$/;

function text(body: Record<string, unknown>, key: string, fallback?: string): string {
  const value = body[key];
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (fallback !== undefined) return fallback;
  throw new JobError(`The request has no "${key}"`);
}

/**
 * Scaffolds a service: pretends to create its repository from a template, then registers it in the catalog
 * as a service entity written by this run.
 */
export const scaffoldService: Job = async (body, { runId, client, log, step }) => {
  const name = text(body, 'name');
  if (!NAME.test(name))
    throw new JobError(`"${name}" is not a service name: lower-case letters, digits and dashes, 2 to 63`);
  const language = text(body, 'language', 'TypeScript');
  const repository = `https://git.example.com/shop/${name}`;
  await log(`Creating repository ${repository} from the ${language} service template`);
  await step();
  await log('Adding a CI pipeline, a Dockerfile and a README');
  await client.report(runId, { link: repository, statusLabel: 'Repository created' });
  await step();
  await log('Pushing the first commit to main');
  await step();
  const relations: Record<string, string> = {};
  for (const key of ['owner', 'system'])
    if (typeof body[key] === 'string' && body[key]) relations[key] = body[key] as string;
  await client.upsertEntity(
    'service',
    {
      identifier: name,
      title: text(body, 'title', name),
      properties: {
        language,
        lifecycle: 'experimental',
        repository,
        readme: `# ${text(body, 'title', name)}\nScaffolded from the ${language} template by ${text(body, 'requestedBy', 'Portico')}.`,
      },
      relations,
    },
    runId,
  );
  await log(`Registered service "${name}" in the catalog`);
  return { message: `Service "${name}" is ready: ${repository}`, statusLabel: 'Service created' };
};

/** Deploys a service (make-believe): build, push, roll out, then record when it was deployed. */
export const deployService: Job = async (body, { runId, client, log, step }) => {
  const service = text(body, 'service');
  const version = text(body, 'version', 'latest');
  const environment = text(body, 'environment', 'production');
  const image = `registry.example.com/shop/${service}:${version}`;
  await log(`Building ${image}`);
  await step();
  await log(`Pushed ${image}`);
  await client.report(runId, {
    link: `https://deploy.example.com/${encodeURIComponent(service)}/${encodeURIComponent(runId)}`,
    statusLabel: `Rolling out to ${environment}`,
  });
  for (const ready of [1, 2, 3]) {
    await step();
    await log(`Rolling out to ${environment}: ${ready}/3 replicas ready`);
  }
  await client.upsertEntity(
    'service',
    { identifier: service, properties: { lastDeployedAt: new Date().toISOString() } },
    runId,
    true,
  );
  return { message: `Deployed ${service} ${version} to ${environment}`, statusLabel: 'Deployed' };
};

/** The demo's jobs, by the path of the URL the action names (http://runner/scaffold, …/deploy). */
export const DEMO_JOBS = new Map<string, Job>([
  ['/scaffold', scaffoldService],
  ['/deploy', deployService],
]);
