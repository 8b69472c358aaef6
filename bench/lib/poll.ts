/** Milliseconds until `check` holds, polling every `everyMs`; throws after `limitMs`. */
export async function until(check: () => Promise<boolean>, everyMs = 5, limitMs = 30_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > limitMs) throw new Error(`not done within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return performance.now() - started;
}
