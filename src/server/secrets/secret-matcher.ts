/** What stands in the place of a secret: always the same, so the mask tells nothing of the length. */
export const SECRET_MASK = '****';

/** Finds every secret in a text at once (Aho–Corasick), however many secrets there are. */
export interface SecretMatcher {
  /** `text` with every character of every occurrence of any secret replaced, runs of them by one mask. */
  maskText(text: string): string;
}

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

/**
 * A trie of the secrets with failure links, in typed arrays. The root's transitions are a table by UTF-16
 * code unit; the other states' are a hash table (one probe, however many children a state has), and also
 * lists (first child, next sibling) to build it and to walk the trie breadth-first.
 */
interface Automaton {
  rootNext: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  unit: Uint16Array;
  fail: Int32Array;
  /** The length of the longest secret that ends in this state (its own, or one of its suffixes'). */
  longest: Int32Array;
  shortest: number;
  /** Open addressing over (state, unit) -> child below the root: slots of [state, unit, child]. */
  slots: Int32Array;
  mask: number;
}

function buildAutomaton(patterns: string[]): Automaton {
  const capacity = patterns.reduce((sum, pattern) => sum + pattern.length, 1);
  const automaton: Automaton = {
    rootNext: new Int32Array(UNITS),
    firstChild: new Int32Array(capacity),
    nextSibling: new Int32Array(capacity),
    unit: new Uint16Array(capacity),
    fail: new Int32Array(capacity),
    longest: new Int32Array(capacity),
    shortest: Infinity,
    slots: new Int32Array(0),
    mask: 0,
  };
  let count = 1;
  for (const pattern of patterns) {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let child = childOf(automaton, state, c);
      if (child === 0) {
        child = count++;
        automaton.unit[child] = c;
        if (state === 0) automaton.rootNext[c] = child;
        else {
          automaton.nextSibling[child] = automaton.firstChild[state]!;
          automaton.firstChild[state] = child;
        }
      }
      state = child;
    }
    automaton.longest[state] = pattern.length;
    automaton.shortest = Math.min(automaton.shortest, pattern.length);
  }
  indexTransitions(automaton, count);
  linkFailures(automaton, count);
  return automaton;
}

const hashOf = (state: number, c: number, mask: number) =>
  (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;

function indexTransitions(automaton: Automaton, count: number) {
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size * 3);
  const { firstChild, nextSibling, unit } = automaton;
  for (let state = 1; state < count; state++)
    for (let child = firstChild[state]!; child !== 0; child = nextSibling[child]!) {
      let slot = hashOf(state, unit[child]!, mask);
      while (slots[slot * 3 + 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 3] = state;
      slots[slot * 3 + 1] = unit[child]!;
      slots[slot * 3 + 2] = child;
    }
  automaton.slots = slots;
  automaton.mask = mask;
}

function lookup(automaton: Automaton, state: number, c: number): number {
  if (state === 0) return automaton.rootNext[c]!;
  const { slots, mask } = automaton;
  for (let slot = hashOf(state, c, mask); ; slot = (slot + 1) & mask) {
    const child = slots[slot * 3 + 2]!;
    if (child === 0) return 0;
    if (slots[slot * 3] === state && slots[slot * 3 + 1] === c) return child;
  }
}

/** Failure links breadth-first (a state's link needs those of shorter states), and the longest match. */
function linkFailures(automaton: Automaton, count: number) {
  const { rootNext, firstChild, nextSibling, unit, fail, longest } = automaton;
  const queue = new Int32Array(count);
  let tail = 0;
  for (let c = 0; c < UNITS; c++) if (rootNext[c]) queue[tail++] = rootNext[c]!;
  for (let head = 0; head < tail; head++) {
    const state = queue[head]!;
    for (let child = firstChild[state]!; child !== 0; child = nextSibling[child]!) {
      fail[child] = step(automaton, fail[state]!, unit[child]!);
      longest[child] = Math.max(longest[child]!, longest[fail[child]!]!);
      queue[tail++] = child;
    }
  }
}

/** The child of `state` by code unit `c`, or 0 (the root is nobody's child). */
function childOf(automaton: Automaton, state: number, c: number): number {
  if (state === 0) return automaton.rootNext[c]!;
  const { firstChild, nextSibling, unit } = automaton;
  for (let child = firstChild[state]!; child !== 0; child = nextSibling[child]!)
    if (unit[child] === c) return child;
  return 0;
}

/** The state after reading `c` in `state`, following failure links. */
function step(automaton: Automaton, state: number, c: number): number {
  for (;;) {
    const to = lookup(automaton, state, c);
    if (to !== 0 || state === 0) return to;
    state = automaton.fail[state]!;
  }
}

function maskWith(automaton: Automaton, text: string): string {
  if (text.length < automaton.shortest) return text;
  const { rootNext, longest } = automaton;
  // Masked spans, disjoint and in order: a longer secret found later may swallow earlier spans.
  const from: number[] = [];
  const to: number[] = [];
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (state === 0 && rootNext[c] === 0) continue;
    state = step(automaton, state, c);
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
