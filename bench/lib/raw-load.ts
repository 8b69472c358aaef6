import pg from 'pg';
import { SERVICE, SERVICE_RELATIONS, serviceEntity, SYSTEM, TEAM } from './catalog.js';
import type { LoadOptions } from './load.js';

/** Who the raw rows say wrote them: the benchmark server's admin credential, as Portico records it. */
const ACTOR = 'bench-admin';

/**
 * The machine's floor for bench:ingest on PostgreSQL: services [0, count) written straight into Portico's
 * tables, in a database its migrations made and the relation targets filled, as multi-row INSERTs, `batch`
 * entities a transaction, `concurrency` connections at once. Each entity gets what one write of Portico's
 * stores: its row, its relation rows, its first version (a copy of the row, with its relations) and its
 * audit record (the change stream), with the same JSON. Only the work of getting there is left out:
 * parsing, validation, permissions, guards and lookups. Returns the seconds it took.
 */
export async function rawLoadServices(
  databaseUrl: string,
  options: Pick<LoadOptions, 'count' | 'batch' | 'concurrency' | 'progress'>,
): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.concurrency });
  try {
    const started = performance.now();
    const { rows: targets } = await pool.query<{ id: string; blueprint: string; identifier: string }>(
      'select id, blueprint, identifier from entities where blueprint in ($1, $2)',
      [TEAM, SYSTEM],
    );
    const targetIds = new Map(targets.map((t) => [`${t.blueprint}/${t.identifier}`, Number(t.id)]));
    const end = options.count;
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < end) {
        const start = next;
        const stop = (next = Math.min(end, start + options.batch));
        const client = await pool.connect();
        try {
          await client.query('begin');
          await writeBatch(client, start, stop, targetIds);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
        done += stop - start;
        options.progress?.(done);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    return (performance.now() - started) / 1000;
  } finally {
    await pool.end();
  }
}

async function writeBatch(client: pg.PoolClient, from: number, to: number, targetIds: Map<string, number>) {
  const at = new Date().toISOString();
  const written = { created_at: at, created_by: ACTOR, updated_at: at, updated_by: ACTOR };
  const services = Array.from({ length: to - from }, (_, k) => serviceEntity(from + k));
  const entityOf = ({ identifier, title, properties }: (typeof services)[number]) => ({
    blueprint: SERVICE,
    identifier,
    title,
    icon: null,
    team: [],
    properties,
  });
  const rows = services.map((service) => ({ ...entityOf(service), ...written }));
  const inserted = await insertRows<{ id: string; identifier: string }>(
    client,
    'entities',
    rows,
    'id, identifier',
  );
  const ids = new Map(inserted.map((row) => [row.identifier, Number(row.id)]));
  const relationRows: Row[] = [];
  const versionRows: Row[] = [];
  const auditRows: Row[] = [];
  for (const service of services) {
    const { identifier, relations } = service;
    const entity = entityOf(service);
    const id = ids.get(identifier)!;
    // relation -> target identifiers, in their order: what a version keeps of an entity's relations.
    const targets = Object.fromEntries(Object.entries(relations).map(([name, to]) => [name, [to].flat()]));
    for (const [relation, identifiers] of Object.entries(targets))
      identifiers.forEach((target, position) => {
        const target_id = targetIds.get(`${SERVICE_RELATIONS[relation]!.target}/${target}`)!;
        relationRows.push({ source_id: id, relation, target_id, position });
      });
    const version = { entity_id: id, version: 1, at, actor: ACTOR, action: 'CREATE', relations: targets };
    versionRows.push({ ...entity, ...written, ...version });
    // The audit record's `after` is the entity as the API shows it (a single relation as one identifier).
    const diff = { before: null, after: { ...entity, relations, ...stamps(at) } };
    auditRows.push({
      at,
      resource_type: 'entity',
      action: 'CREATE',
      status: 'SUCCESS',
      identifier,
      blueprint: SERVICE,
      entity: identifier,
      actor: ACTOR,
      origin: 'API',
      context: { blueprint: SERVICE, entity: identifier },
      diff,
      message: null,
    });
  }
  await insertRows(client, 'entity_relations', relationRows);
  await insertRows(client, 'entity_versions', versionRows);
  await insertRows(client, 'audit_log', auditRows);
}

type Row = Record<string, unknown>;
const stamps = (at: string) => ({ createdAt: at, createdBy: ACTOR, updatedAt: at, updatedBy: ACTOR });

// PostgreSQL binds at most 65,535 values per statement.
const MAX_PARAMETERS = 65_535;

/**
 * Inserts `rows` (objects keyed by column, in one order; JSON columns as values) into `table` as
 * `values ($1, …), …`, in as few statements as binding allows; returns the `returning` columns.
 */
async function insertRows<R extends pg.QueryResultRow = pg.QueryResultRow>(
  client: pg.PoolClient,
  table: string,
  rows: readonly Row[],
  returning?: string,
): Promise<R[]> {
  if (!rows.length) return [];
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.floor(MAX_PARAMETERS / columns.length);
  const out: R[] = [];
  for (let first = 0; first < rows.length; first += perStatement) {
    const chunk = rows.slice(first, first + perStatement);
    const parameters: unknown[] = [];
    // node-postgres would send a JS array as a PostgreSQL array: JSON goes as text.
    for (const row of chunk)
      for (const column of columns) {
        const value = row[column];
        parameters.push(typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
      }
    const text = `insert into ${table} (${columns.join(', ')}) values ${placeholders(columns.length, chunk.length)}`;
    const result = await client.query<R>(returning ? `${text} returning ${returning}` : text, parameters);
    out.push(...result.rows);
  }
  return out;
}

/** `($1, …, $width), …` for `count` rows, made once: every full batch repeats the same texts. */
function placeholders(width: number, count: number): string {
  const key = `${width}x${count}`;
  let text = placeholderTexts.get(key);
  if (text === undefined) {
    const row = (r: number) =>
      `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`;
    placeholderTexts.set(key, (text = Array.from({ length: count }, (_, r) => row(r)).join(', ')));
  }
  return text;
}
const placeholderTexts = new Map<string, string>();

/** Rows of the services' writes in each table, to check that two loads stored the same. */
export async function countServiceRows(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(
      `select (select count(*) from entities where blueprint = $1) as entities,
        (select count(*) from entity_relations r join entities e on e.id = r.source_id where e.blueprint = $1) as relations,
        (select count(*) from entity_versions where blueprint = $1) as versions,
        (select count(*) from audit_log where blueprint = $1 and resource_type = 'entity') as audit`,
      [SERVICE],
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([table, n]) => [table, Number(n)]));
  } finally {
    await client.end();
  }
}
