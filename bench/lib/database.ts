import SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * Runs one statement straight on a server's database (`sqlite:<file>` or a PostgreSQL URL), beside the
 * server, and returns its milliseconds: what the database alone takes for some work, measured in the same
 * run as the server doing it. Parameters are `?` on SQLite and `$n` on PostgreSQL.
 */
export async function timeStatement(
  databaseUrl: string,
  text: string,
  parameters: unknown[],
): Promise<number> {
  return timeStatements(databaseUrl, [[text, parameters]]);
}

/** As timeStatement, for statements run in one transaction: the milliseconds from begin to commit. */
export async function timeStatements(
  databaseUrl: string,
  statements: ReadonlyArray<readonly [text: string, parameters: unknown[]]>,
): Promise<number> {
  if (databaseUrl.startsWith('sqlite:')) {
    const native = new SQLite(databaseUrl.slice('sqlite:'.length));
    try {
      native.pragma('busy_timeout = 5000');
      native.pragma('synchronous = NORMAL');
      const prepared = statements.map(([text, parameters]) => [native.prepare(text), parameters] as const);
      const started = performance.now();
      native.transaction(() => {
        for (const [statement, parameters] of prepared) statement.run(...parameters);
      })();
      return performance.now() - started;
    } finally {
      native.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    await client.query('begin');
    for (const [text, parameters] of statements) await client.query(text, parameters);
    await client.query('commit');
    return performance.now() - started;
  } finally {
    await client.end();
  }
}
