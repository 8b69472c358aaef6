/** A clock that moves only when told, for code that takes a `{ now() }` clock. */
export function testClock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** A promise and the function that resolves it. */
export function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
