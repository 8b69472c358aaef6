/**
 * Reads with `read` until `check` passes or `ms` have gone by (then throws check's last error): for what
 * is promised to follow a write within a time, such as computed values within a second.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
  ms = 3_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
