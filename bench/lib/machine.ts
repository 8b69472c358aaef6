import { readFileSync } from 'node:fs';

/**
 * How busy the whole machine is (every process, every core) between `start()` and the reading: the share of
 * CPU time not idle, from /proc/stat. A latency measured while it is near 100 % is time spent waiting for a
 * core, whatever the code does.
 */
export function machineLoad() {
  const read = () => {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal
    const idle = fields[3]! + fields[4]!;
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { idle, total };
  };
  const start = read();
  return {
    /** Percent of the machine's CPU time in use since start. */
    busyPercent(): number {
      const now = read();
      const total = now.total - start.total;
      return total > 0 ? (100 * (total - (now.idle - start.idle))) / total : 0;
    },
  };
}
