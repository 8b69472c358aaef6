import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createSecretMatcher, redactSecrets, SECRET_MASK } from './redact.js';

it('masks every occurrence inside strings, keys and numbers, deep in arrays and objects', () => {
  const secrets = ['s3cr3t', 'tok-123', '4242'];
  const value = {
    url: 'https://example.com/?a=s3cr3t&b=s3cr3t',
    headers: { authorization: 'Bearer tok-123', 'x-s3cr3t': 'key too' },
    list: ['plain', ['nested tok-123'], 424242, 7, true, null],
    nothing: undefined,
  };
  expect(redactSecrets(value, secrets)).toEqual({
    url: `https://example.com/?a=${SECRET_MASK}&b=${SECRET_MASK}`,
    headers: { authorization: `Bearer ${SECRET_MASK}`, [`x-${SECRET_MASK}`]: 'key too' },
    list: ['plain', [`nested ${SECRET_MASK}`], SECRET_MASK, 7, true, null],
    nothing: undefined,
  });
  expect(value.url).toBe('https://example.com/?a=s3cr3t&b=s3cr3t');
});

it('masks overlapping and adjacent secrets as one span, whatever their order', () => {
  expect(redactSecrets('xabcdy', ['abc', 'bcd'])).toBe(`x${SECRET_MASK}y`);
  expect(redactSecrets('abcabc', ['abc'])).toBe(SECRET_MASK);
  expect(redactSecrets('aaaa', ['aa'])).toBe(SECRET_MASK);
  expect(redactSecrets('one long-secret two', ['secret', 'long-secret', 'g-s'])).toBe(
    `one ${SECRET_MASK} two`,
  );
  // A longer secret found after shorter ones swallows them.
  expect(redactSecrets('ab-cd-efgh', ['cd', 'ab-cd-ef'])).toBe(`${SECRET_MASK}gh`);
});

it('masks the forms a secret takes in JSON text and URLs', () => {
  const secret = 'p@ss "w/rd"\n';
  const json = JSON.stringify({ password: secret });
  const url = `https://x/?p=${encodeURIComponent(secret)}`;
  expect(redactSecrets([json, url, secret], [secret])).toEqual([
    `{"password":"${SECRET_MASK}"}`,
    `https://x/?p=${SECRET_MASK}`,
    SECRET_MASK,
  ]);
});

it('keeps keys such as __proto__ as plain entries, shared references shared, and cycles', () => {
  const parsed = JSON.parse('{"__proto__": {"polluted": "s3cr3t"}, "constructor": "s3cr3t"}') as object;
  const redacted = redactSecrets(parsed, ['s3cr3t']) as Record<string, unknown>;
  expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
  expect(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value).toEqual({ polluted: SECRET_MASK });
  expect(redacted.constructor).toBe(SECRET_MASK);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();

  const shared = { token: 's3cr3t' };
  const cyclic: Record<string, unknown> = { a: shared, b: shared };
  cyclic.self = cyclic;
  const copy = redactSecrets(cyclic, ['s3cr3t']);
  expect(copy.a).toBe(copy.b);
  expect(copy.self).toBe(copy);
  expect(copy.a).toEqual({ token: SECRET_MASK });
});

it("masks an error's message, stack and cause, and leaves other objects and empty secrets alone", () => {
  const error = new Error('cannot reach https://u:s3cr3t@host', { cause: 'bad s3cr3t' });
  const redacted = redactSecrets(error, ['s3cr3t', '']);
  expect(redacted.message).toBe(`cannot reach https://u:${SECRET_MASK}@host`);
  expect(redacted.stack).not.toContain('s3cr3t');
  expect(redacted.cause).toBe(`bad ${SECRET_MASK}`);
  const date = new Date(0);
  expect(redactSecrets({ date }, ['1970']).date).toBe(date);
  expect(redactSecrets('unchanged', [])).toBe('unchanged');
  expect(redactSecrets('unchanged', [''])).toBe('unchanged');
});

it('leaves no occurrence of any secret, and changes nothing else (property)', () => {
  const alphabet = fc.constantFrom('a', 'b', 'c', 'é', '🙂');
  const text = fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join(''));
  const secret = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, fc.array(secret, { minLength: 1, maxLength: 6 }), (input, secrets) => {
      const masked = redactSecrets(input, secrets);
      for (const s of secrets)
        expect(masked.split(SECRET_MASK).some((piece) => piece.includes(s))).toBe(false);
      // What is left between masks is the input's text, in order.
      const pieces = masked.split(SECRET_MASK);
      let at = 0;
      for (const piece of pieces) {
        const found = input.indexOf(piece, at);
        expect(found).toBeGreaterThanOrEqual(0);
        at = found + piece.length;
      }
    }),
    { numRuns: 500 },
  );
});

it('is one pass over the text for thousands of secrets, and reuses the matcher of an array', () => {
  const secrets = Array.from({ length: 5_000 }, (_, i) => `secret-value-${i}-${(i * 7919).toString(36)}`);
  const log = Array.from({ length: 20_000 }, (_, i) =>
    i % 1000 === 0 ? `line ${i} has ${secrets[i / 4]!}` : `line ${i} is plain`,
  ).join('\n');
  const matcher = createSecretMatcher(secrets);
  const masked = matcher.maskText(log);
  expect(masked.split(SECRET_MASK)).toHaveLength(21);
  expect(redactSecrets(log, secrets)).toBe(masked);
  expect(redactSecrets([log], secrets)).toEqual([masked]);
});
