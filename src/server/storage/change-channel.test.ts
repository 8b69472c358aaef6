import { afterAll, describe, expect, it } from 'vitest';
import {
  describeEachDatabase,
  testDatabaseUrl,
  uniqueId,
  terminateBackends,
} from '../../../test/databases.js';
import { openDatabase, type Database } from './database.js';
import { coalescedSends, MAX_CHANGE_PAYLOAD_BYTES } from './change-channel.js';

/** Collects what a subscriber hears. */
function ear() {
  const heard: string[] = [];
  let missed = 0;
  return {
    heard,
    missed: () => missed,
    subscriber: { receive: (payload: string) => void heard.push(payload), missed: () => void (missed += 1) },
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('coalesced sends', () => {
  it('send what was asked while one send was under way together in the next, in order', async () => {
    const sends: string[][] = [];
    let finish!: () => void;
    const send = coalescedSends(async (payloads) => {
      sends.push(payloads);
      if (payloads.includes('fail')) throw new Error('the database is gone');
      if (sends.length === 1) await new Promise<void>((resolve) => (finish = resolve));
    });
    const first = send(['a']);
    await new Promise((resolve) => setImmediate(resolve));
    const second = send(['b', 'c']);
    const third = send(['d']);
    expect(sends).toEqual([['a']]);
    finish();
    await Promise.all([first, second, third]);
    expect(sends).toEqual([['a'], ['b', 'c', 'd']]);
    await expect(send(['fail'])).rejects.toThrow('the database is gone');
    await send(['e']);
    expect(sends.at(-1)).toEqual(['e']);
  });
});

describeEachDatabase('the change channel', (dialect) => {
  const opened: Database[] = [];
  afterAll(() => Promise.all(opened.map((database) => database.close())));

  it('brings each payload once to every subscriber of the database, the sender included', async () => {
    const url = testDatabaseUrl(dialect);
    const one = openDatabase(url);
    opened.push(one);
    const [first, second] = [ear(), ear()];
    const stop = await one.changes.subscribe(first.subscriber);
    await one.changes.subscribe(second.subscriber);
    const payloads = [uniqueId('a'), 'x'.repeat(MAX_CHANGE_PAYLOAD_BYTES), uniqueId('b')];
    await one.changes.send(payloads);
    await until(() => first.heard.length >= 3 && second.heard.length >= 3, 'both heard three payloads');
    const mine = (heard: string[]) => heard.filter((p) => payloads.includes(p));
    expect(mine(first.heard)).toEqual(payloads);
    expect(mine(second.heard)).toEqual(payloads);
    stop();
    const later = uniqueId('later');
    await one.changes.send([later]);
    await until(() => second.heard.includes(later), 'the other subscriber heard it');
    expect(first.heard).not.toContain(later);
  });
});

describe.skipIf(process.env.PORTICO_TEST_PG === 'off')('the change channel on PostgreSQL [postgres]', () => {
  const opened: Database[] = [];
  afterAll(() => Promise.all(opened.map((database) => database.close())));

  it('hears another process, and listens again after its connection is lost, saying it may have missed some', async () => {
    const applicationName = uniqueId('listener');
    const lost: Error[] = [];
    const listening = openDatabase(`${testDatabaseUrl('postgres')}?application_name=${applicationName}`, {
      onConnectionError: (error) => lost.push(error),
    });
    const sending = openDatabase(testDatabaseUrl('postgres'));
    opened.push(listening, sending);
    const { heard, missed, subscriber } = ear();
    await listening.changes.subscribe(subscriber);
    const before = uniqueId('before');
    await sending.changes.send([before]);
    await until(() => heard.includes(before), 'the payload sent before the loss was heard');

    expect(await terminateBackends(applicationName)).toBeGreaterThanOrEqual(1);
    await until(() => missed() === 1, 'the listener said it may have missed changes');
    expect(lost.length).toBeGreaterThanOrEqual(1);
    const after = uniqueId('after');
    await sending.changes.send([after]);
    await until(() => heard.includes(after), 'the payload sent after the loss was heard');
    expect(heard.filter((payload) => payload === before || payload === after)).toEqual([before, after]);
  });
});
