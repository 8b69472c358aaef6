import { afterAll, describe, expect, it } from 'vitest';
import { createJqPool, type JqPool } from './jq-pool.js';
import { renderTemplate } from './template.js';

const pool = createJqPool({ timeoutMs: 30_000 });
afterAll(() => pool.close());

/** Counts the pool's calls, to show that a template is rendered in one. */
function countingPool(): JqPool & { calls: number } {
  const counted = { ...pool, calls: 0 };
  counted.evaluateAll = (...args) => {
    counted.calls++;
    return pool.evaluateAll(...args);
  };
  return counted;
}

const context = {
  inputs: { name: 'svc', count: 2, ref: 'main', labels: { team: 'a', tier: 1 }, tags: ['x', 'y'] },
  secrets: { 'my-name': 's3cret' },
  trigger: { by: { user: { email: 'a@b.c' } } },
};
const render = (template: unknown) => renderTemplate(pool, template, context);

describe('renderTemplate', () => {
  it('keeps the type of the result in a string that is one expression, blanks around it aside', async () => {
    expect(
      await render({
        count: '{{ .inputs.count }}',
        labels: ' {{ .inputs.labels }} ',
        tags: '{{.inputs.tags}}',
        missing: '{{ .inputs.nothing }}',
        none: '{{ empty }}',
        first: '{{ .inputs.tags[] }}',
      }),
    ).toEqual({
      count: 2,
      labels: { team: 'a', tier: 1 },
      tags: ['x', 'y'],
      missing: null,
      none: null,
      first: 'x',
    });
  });

  it('joins text and results in a mixed string, writing other than strings as JSON', async () => {
    expect(
      await render(
        '{{ .inputs.name }} has {{ .inputs.count }} {{ .inputs.labels }} {{ .inputs.tags }} {{ null }}',
      ),
    ).toBe('svc has 2 {"team":"a","tier":1} ["x","y"] null');
  });

  it('leaves values without expressions as they are', async () => {
    const template = { n: 1, ok: true, nothing: null, text: 'plain }} text', list: [1, 'a'] };
    expect(await render(template)).toEqual(template);
  });

  it('renders arrays element by element, and nested objects', async () => {
    expect(
      await render({ list: ['{{ .inputs.count }}', ['{{ .inputs.name }}'], { x: '{{ .inputs.ref }}' }] }),
    ).toEqual({
      list: [2, ['svc'], { x: 'main' }],
    });
  });

  it('renders keys; a key that renders to null (or to "") leaves its pair out', async () => {
    expect(
      await render({
        '{{ .inputs.name }}': 'named',
        'key-{{ .inputs.count }}': 'mixed',
        '{{ if (.inputs | has("ref")) then "ref" else null end }}': '{{ .inputs.ref }}',
        '{{ if (.inputs | has("sha")) then "sha" else null end }}': '{{ .inputs.sha | error }}',
        '': 'dropped, as in Port',
      }),
    ).toEqual({ svc: 'named', 'key-2': 'mixed', ref: 'main' });
  });

  it('merges the object of a "{{ spreadValue() }}" key into its parent, in place', async () => {
    expect(await render({ a: 0, '{{ spreadValue() }}': '{{ .inputs.labels }}', z: 1 })).toEqual({
      a: 0,
      team: 'a',
      tier: 1,
      z: 1,
    });
    expect(
      await render({ '{{spreadValue()}}': { literal: '{{ .inputs.ref }}' }, team: 'last wins' }),
    ).toEqual({
      literal: 'main',
      team: 'last wins',
    });
  });

  it('does not take braces inside quoted jq strings for delimiters', async () => {
    expect(await render('{{ "}}" + .inputs.name }}')).toBe('}}svc');
    expect(await render("{{ '{{x}}' + .inputs.name }}")).toBe('{{x}}svc');
    expect(await render('{{ {name: .inputs.name} }}')).toEqual({ name: 'svc' });
  });

  it('reads keys with hyphens, such as secrets', async () => {
    expect(
      await render({ token: '{{ .secrets["my-name"] }}', email: '{{ .trigger.by.user.email }}' }),
    ).toEqual({
      token: 's3cret',
      email: 'a@b.c',
    });
  });

  it('renders the whole template in one call to the pool, each distinct expression once', async () => {
    const counting = countingPool();
    const template = {
      url: 'https://x/{{ .inputs.name }}',
      headers: { '{{ .inputs.ref }}': '{{ .inputs.name }}' },
      body: ['{{ .inputs.count }}', '{{ .inputs.count }}'],
    };
    expect(await renderTemplate(counting, template, context)).toEqual({
      url: 'https://x/svc',
      headers: { main: 'svc' },
      body: [2, 2],
    });
    expect(counting.calls).toBe(1);
  });
});

describe('renderTemplate errors', () => {
  it('names the path of an expression that does not compile or fails', async () => {
    await expect(render({ body: { token: '{{ .x | foo }}' } })).rejects.toMatchObject({
      code: 'jq_error',
      message: 'body.token: the jq program ".x | foo" does not compile: foo/0 is not defined at column 6',
      details: { path: 'body.token', program: '.x | foo' },
    });
    await expect(render({ list: ['ok', 'n={{ .inputs.name + 1 }}'] })).rejects.toMatchObject({
      code: 'jq_error',
      details: { path: 'list[1]' },
    });
    await expect(
      renderTemplate(pool, { 'my-header': '{{ error("no") }}' }, context, { path: 'headers' }),
    ).rejects.toThrow('headers["my-header"]: the jq program "error(\\"no\\")" failed: no');
  });

  it('rejects "{{" inside an expression, and one never closed, naming the path', async () => {
    await expect(render({ url: '{{ .a {{ .b }} }}' })).rejects.toMatchObject({
      kind: 'unprocessable',
      code: 'invalid_template',
      message: 'url: "{{" at character 7 is inside the expression opened at character 1',
    });
    await expect(render(['{{ .a'])).rejects.toThrow('[0]: "{{" at character 1 is never closed by "}}"');
  });

  it('rejects a key that renders to other than a string or null, and a spread of other than an object', async () => {
    await expect(render({ body: { '{{ .inputs.count }}': 1 } })).rejects.toMatchObject({
      code: 'invalid_template',
      message:
        'body["{{ .inputs.count }}"]: a key must render to a string or null (to leave the pair out), not 2',
    });
    await expect(render({ body: { '{{ spreadValue() }}': '{{ .inputs.tags }}' } })).rejects.toThrow(
      'must render to an object, not ["x","y"]',
    );
  });

  it('names the paths of a template whose expressions run out of time', async () => {
    const template = {
      url: 'https://x/{{ .inputs.name | ascii_downcase }}',
      body: { n: '{{ def f: f; f }}', id: '{{ .run.id }}' },
    };
    // `.run.id` is a plain walk of keys, answered without jq: it is not named.
    await expect(renderTemplate(pool, template, context, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'jq_timeout',
      message: expect.stringMatching(
        /^url, body\.n: one of the jq programs .* did not finish within 200 ms$/,
      ),
    });
  });
});
