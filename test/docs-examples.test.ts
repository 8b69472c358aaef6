import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from './databases.js';
import { startDemoApp } from './demo-app.js';
import {
  DocExampleError,
  ExampleSession,
  parseDocExamples,
  parseSearchSnippets,
  type Example,
} from './docs-examples.js';

// Every HTTP example of the README and docs/*.md, run in order against a real server with the demo
// catalog that `npm start` loads, one fresh server per file: each must answer as its page says. Then the
// search rules the page shows one a line, each as a search of its own.
const root = join(import.meta.dirname, '..');
const files = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const parsed = files.map((file) => {
  const markdown = readFileSync(join(root, file), 'utf8');
  const searches = parseSearchSnippets(file, markdown);
  try {
    return { file, examples: parseDocExamples(file, markdown), searches };
  } catch (error) {
    return { file, examples: [] as Example[], searches, error: error as Error };
  }
});

describeEachDatabase("the documentation's HTTP examples", (dialect) => {
  for (const { file, examples, searches, error } of parsed) {
    if (examples.length === 0 && searches.length === 0 && !error) continue;
    it(`${file}: ${error ? 'cannot be read' : `${examples.length} commands, ${searches.length} search rules`}`, async () => {
      if (error) throw error;
      const app = await startDemoApp(dialect);
      try {
        const session = new ExampleSession({
          url: app.url,
          variables: { TOKEN: app.token },
          placeholders: { '<clientId>': app.clientId, '<clientSecret>': app.clientSecret },
        });
        // Every example runs, so that one run shows every broken one; later ones may fail because of it.
        const failures: string[] = [];
        for (const example of examples) {
          try {
            await session.run(example);
          } catch (failure) {
            if (!(failure instanceof DocExampleError)) throw failure;
            failures.push(`${failure.message}\n${example.source}`);
          }
        }
        for (const search of searches) {
          const answer = await app.post('/v1/entities/search', search.body);
          if (answer.status !== 200)
            failures.push(
              `${search.file}:${search.line}: the search answered ${answer.status}: ${JSON.stringify(answer.body)}`,
            );
        }
        expect(failures.join('\n\n')).toBe('');
      } finally {
        await app.close();
      }
    });
  }
});

describe('reading the examples', () => {
  const parse = (block: string) => parseDocExamples('doc.md', `Intro\n\n\`\`\`sh\n${block}\n\`\`\`\n`);

  it('reads variables, continuations, quotes, pipelines and expected answers', () => {
    const examples = parse(
      [
        'AUTH="authorization: Bearer $TOKEN"  # a comment',
        'curl -s $PORTICO/v1/blueprints -H "$AUTH" | jq \'.blueprints[]\' |',
        '  jq -r .identifier',
        '# answers 409',
        'curl -s -X POST "$PORTICO/v1/x" \\',
        "  -d '{",
        `  "a": 1}'`,
      ].join('\n'),
    );
    expect(examples.map((e) => [e.line, e.statement.stages.length, e.statement.expectStatus])).toEqual([
      [4, 0, undefined],
      [5, 3, undefined],
      [8, 1, 409],
    ]);
    expect(examples[2]!.source).toBe('curl -s -X POST "$PORTICO/v1/x" \\\n  -d \'{\n  "a": 1}\'');
  });

  it('refuses what it cannot run, naming the file and line', () => {
    expect(() => parse('curl -s localhost:7070/v1/blueprints\nnpm start')).toThrow(
      'doc.md:5: "npm" cannot be run',
    );
    expect(() => parse('curl --retry 3 localhost:7070/healthz')).toThrow('doc.md:4: curl --retry');
    expect(() => parse('curl localhost:7070/healthz > out.json')).toThrow('doc.md:4: ">" is not supported');
    expect(() => parse("curl -d '{ localhost:7070/healthz")).toThrow('a single quote is not closed');
    // Blocks without curl are not examples; a marked block is skipped.
    expect(parse('npm ci && npm start')).toEqual([]);
    expect(
      parseDocExamples('doc.md', '<!-- not run: a loop -->\n\n```sh\nwhile :; do curl x; done\n```\n'),
    ).toEqual([]);
  });

  it('reads search rules shown one a line, and nothing else of the JSON blocks', () => {
    const markdown = [
      '```json',
      '{ "property": "tier", "operator": "=", "value": 1 }',
      '{ "include": ["identifier"] }',
      '```',
      '',
      '```json',
      '{ "ok": true, "entities": [] }',
      '```',
      '',
      '```json',
      '"sort": { "property": "tier" }',
      '```',
    ].join('\n');
    expect(parseSearchSnippets('doc.md', markdown)).toEqual([
      {
        file: 'doc.md',
        line: 2,
        body: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 1 }] },
      },
      { file: 'doc.md', line: 3, body: { combinator: 'and', rules: [], include: ['identifier'] } },
    ]);
  });
});
