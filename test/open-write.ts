import { setTimeout as sleep } from 'node:timers/promises';
import type { RawBuilder } from 'kysely';
import type { TestApp } from './app.js';

/**
 * What `read` answers while a write transaction that ran `statement` is still open (committed after), or
 * 'waiting for the writer' when it has not answered within 5 s: a read must never wait for a write.
 */
export async function readWhileAWriteIsOpen<T>(
  api: TestApp,
  statement: RawBuilder<unknown>,
  read: () => Promise<T>,
): Promise<T | 'waiting for the writer'> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let writing: Promise<void> | undefined;
  await new Promise<void>((resolve) => {
    writing = api.database.db.transaction().execute(async (trx) => {
      await statement.execute(trx);
      resolve();
      await held;
    });
  });
  try {
    return await Promise.race([read(), sleep(5_000).then(() => 'waiting for the writer' as const)]);
  } finally {
    release();
    await writing;
  }
}
