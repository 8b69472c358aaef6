/** What stands in the place of a secret: always the same, so the mask tells nothing of the length. */
export const SECRET_MASK = '****';

/** Finds every secret in a text at once (Aho–Corasick), however many secrets there are. */
export interface SecretMatcher {
  /** `text` with every character of every occurrence of any secret replaced, runs of them by one mask. */
  maskText(text: string): string;
}

// Transitions live in one Map keyed by state * 2^16 + UTF-16 code unit (below 2^53 for any real input).
const UNITS = 0x10000;

/**
 * A matcher of `secrets` and of the forms they take once written into JSON text or a URL (`"` as `\"`,
 * a space as `%20`), so that a value quoted inside a log line or a query string is masked too. Empty
 * secrets are ignored.
 */
export function createSecretMatcher(secrets: Iterable<string>): SecretMatcher {
  const patterns = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    patterns.add(secret);
    patterns.add(JSON.stringify(secret).slice(1, -1));
    patterns.add(encodeURIComponentSafely(secret));
  }
  patterns.delete('');
  if (patterns.size === 0) return { maskText: (text) => text };
  const automaton = buildAutomaton([...patterns]);
  return { maskText: (text) => maskWith(automaton, text) };
}

interface Automaton {
  next: Map<number, number>;
  fail: Int32Array;
  /** The length of the longest secret that ends in this state (its own, or one of its suffixes'). */
  longest: Int32Array;
  /** 1 for code units that begin a secret: elsewhere the scan from the root state skips the Map. */
  starts: Uint8Array;
  shortest: number;
}

function buildAutomaton(patterns: string[]): Automaton {
  const next = new Map<number, number>();
  const parent = [0];
  const unit = [0];
  const depth = [0];
  const ends = [0];
  const starts = new Uint8Array(UNITS);
  let shortest = Infinity;
  for (const pattern of patterns) {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let child = next.get(state * UNITS + c);
      if (child === undefined) {
        child = parent.length;
        next.set(state * UNITS + c, child);
        parent.push(state);
        unit.push(c);
        depth.push(i + 1);
        ends.push(0);
      }
      state = child;
    }
    ends[state] = pattern.length;
    starts[pattern.charCodeAt(0)] = 1;
    shortest = Math.min(shortest, pattern.length);
  }
  const count = parent.length;
  const fail = new Int32Array(count);
  const longest = Int32Array.from(ends);
  // Parents before children: a state's failure link needs its parent's.
  const byDepth = Array.from({ length: count }, (_, state) => state).sort((a, b) => depth[a]! - depth[b]!);
  for (const state of byDepth) {
    if (state === 0) continue;
    const from = parent[state]!;
    fail[state] = from === 0 ? 0 : step(next, fail, fail[from]!, unit[state]!);
    longest[state] = Math.max(longest[state]!, longest[fail[state]!]!);
  }
  return { next, fail, longest, starts, shortest };
}

/** The state after reading `c` in `state`, following failure links. */
function step(next: Map<number, number>, fail: Int32Array, state: number, c: number): number {
  for (;;) {
    const to = next.get(state * UNITS + c);
    if (to !== undefined) return to;
    if (state === 0) return 0;
    state = fail[state]!;
  }
}

function maskWith(automaton: Automaton, text: string): string {
  if (text.length < automaton.shortest) return text;
  const { next, fail, longest, starts } = automaton;
  // Masked spans, disjoint and in order: a longer secret found later may swallow earlier spans.
  const from: number[] = [];
  const to: number[] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (state === 0 && starts[c] === 0) continue;
    state = step(next, fail, state, c);
    const length = longest[state]!;
    if (length === 0) continue;
    let start = i + 1 - length;
    while (to.length && to[to.length - 1]! >= start) {
      start = Math.min(start, from.pop()!);
      to.pop();
    }
    from.push(start);
    to.push(i + 1);
  }
  if (!from.length) return text;
  let masked = '';
  let kept = 0;
  for (let k = 0; k < from.length; k++) {
    masked += text.slice(kept, from[k]) + SECRET_MASK;
    kept = to[k]!;
  }
  return masked + text.slice(kept);
}

/** encodeURIComponent, or the text itself for one it cannot encode (a lone surrogate). */
function encodeURIComponentSafely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}
