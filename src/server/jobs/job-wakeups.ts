import type { ChangeChannel } from '../storage/change-channel.js';
import type { Database } from '../storage/database.js';
import type { JobLog } from './attempt-endings.js';
import { messageOf } from './run-attempt.js';

/**
 * Jobs were added: a message on the database's change channel (NOTIFY on PostgreSQL), which every
 * process's queue hears; `by` names the queue that sent it, which has already woken itself.
 */
interface JobsAdded {
  jobs: 'added';
  by?: string;
}

/** Whether `payload` says that jobs were added by anyone but `workerId`. */
export function isJobsAdded(payload: string, workerId: string): boolean {
  if (!payload.startsWith('{"jobs":')) return false;
  try {
    const message = JSON.parse(payload) as JobsAdded;
    return message.jobs === 'added' && message.by !== workerId;
  } catch {
    return false;
  }
}

/** Wakes every queue on the database, for code that enqueued without a queue at hand (a CLI, a test). */
export async function announceJobs(database: Database): Promise<void> {
  await database.changes.send([JSON.stringify({ jobs: 'added' } satisfies JobsAdded)]);
}

/**
 * Tells the other processes' queues that jobs were added, after the commit rather than inside the
 * enqueuing transaction: PostgreSQL serialises the commits of transactions that NOTIFY (one at a time,
 * each waiting for its WAL flush), which at a few hundred enqueues a second made every commit wait for
 * the others. Calls made while one message is on its way share the next.
 */
export function createJobAnnouncer(channel: ChangeChannel, workerId: string, log: JobLog) {
  const payload = JSON.stringify({ jobs: 'added', by: workerId } satisfies JobsAdded);
  let sending: Promise<void> | undefined;
  let again = false;
  function announce() {
    if (sending) {
      again = true;
      return;
    }
    sending = channel
      .send([payload])
      .catch((error: unknown) => log.warn({ err: messageOf(error) }, 'announcing new jobs failed'))
      .finally(() => {
        sending = undefined;
        if (again) {
          again = false;
          announce();
        }
      });
  }
  return { announce, sent: () => sending ?? Promise.resolve() };
}
