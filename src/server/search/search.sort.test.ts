import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, openTestDatabase, uniqueId } from '../../../test/databases.js';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { DomainError } from '../errors.js';
import type { Database } from '../storage/database.js';
import { compileSearchQuery } from './search.compiler.js';
import { blueprintDefinition, insertBlueprints, insertEntity } from './search.fixtures.js';
import { countEntityRows, searchEntityRows } from './search.repo.js';

const HOUR = 60 * 60 * 1000;
const EVERYTHING = { combinator: 'and', rules: [] };

interface Sample {
  identifier: string;
  title: string | null;
  n?: number;
  d?: string;
  s?: string;
  flag?: boolean;
}

/** 30 entities with repeated values and gaps, so ties and empty values are exercised. */
function samples(): Sample[] {
  const base = Date.UTC(2025, 0, 1);
  return Array.from({ length: 30 }, (_, i) => {
    const instant = base + (i % 10) * HOUR;
    // odd entities write the instant in another zone: text order would differ from time order
    const d =
      i % 2
        ? new Date(instant + 5 * HOUR).toISOString().replace('Z', '+05:00')
        : new Date(instant).toISOString();
    return {
      identifier: `x${String(i).padStart(2, '0')}`,
      title: i % 6 === 0 ? null : `t${(i * 7) % 11}`,
      ...(i % 5 === 0 ? {} : { n: (i * 3) % 7, d, s: `k${(i * 13) % 9}`, flag: i % 3 === 0 }),
    };
  });
}

function failure(run: () => Promise<unknown>): Promise<DomainError> {
  return run().then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(DomainError);
      return error as DomainError;
    },
  );
}

describeEachDatabase('search sort and cursors', (dialect) => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(() => database.close());

  async function pageAll(
    blueprints: Map<string, BlueprintDefinition>,
    blueprint: string,
    sort: unknown,
    limit: number,
    between?: (page: number) => Promise<void>,
  ): Promise<string[][]> {
    const compiled = compileSearchQuery(EVERYTHING, { dialect: database.dialect, blueprints, blueprint });
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await searchEntityRows(database.db, database.dialect, {
        where: compiled.where,
        limit,
        blueprint,
        sort,
        blueprints,
        cursor,
        cursorScope: compiled.fingerprint,
      });
      pages.push(page.rows.map((row) => row.identifier));
      cursor = page.nextCursor;
      await between?.(pages.length);
    } while (cursor);
    return pages;
  }

  it('visits every pre-existing entity once, in creation order, while others are written', async () => {
    const bp = uniqueId('paged');
    const blueprints = await insertBlueprints(database, [blueprintDefinition(bp, { n: { type: 'number' } })]);
    const existing = Array.from({ length: 250 }, (_, i) => `e${String(i).padStart(3, '0')}`);
    for (const [i, identifier] of existing.entries())
      await insertEntity(database, bp, identifier, { properties: { n: i } });

    const writeBetweenPages = async (page: number) => {
      await insertEntity(database, bp, `new${page}`);
      await database.db
        .updateTable('entities')
        .set({ properties: database.dialect.toJson({ n: -page }), updated_at: new Date().toISOString() })
        .where('blueprint', '=', bp)
        .where('identifier', 'in', [
          existing[(page * 37) % 250]!,
          existing[Math.min(page * 40 - 1, 249)]!,
          existing[249]!,
        ])
        .execute();
    };
    const pages = await pageAll(blueprints, bp, undefined, 40, writeBetweenPages);

    const seen = pages.flat();
    expect(seen.filter((id) => id.startsWith('e'))).toEqual(existing);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages.slice(0, -1).every((page) => page.length === 40)).toBe(true);
    expect(seen.filter((id) => id.startsWith('new')).length).toBeGreaterThan(0);
    const compiled = compileSearchQuery(EVERYTHING, { dialect: database.dialect, blueprints, blueprint: bp });
    expect(await countEntityRows(database.db, { where: compiled.where })).toBe(250 + pages.length);
  });

  describe('sorted', () => {
    let bp: string;
    let blueprints: Map<string, BlueprintDefinition>;
    const rows = samples();

    beforeAll(async () => {
      bp = uniqueId('sorted');
      blueprints = await insertBlueprints(database, [
        blueprintDefinition(bp, {
          n: { type: 'number' },
          d: { type: 'string', format: 'date-time' },
          s: { type: 'string' },
          flag: { type: 'boolean' },
          tags: { type: 'array' },
        }),
      ]);
      for (const { identifier, title, ...properties } of rows)
        await insertEntity(database, bp, identifier, { title, properties });
    });

    /** Rows in insertion (= id) order sorted by `key`, ties by id in the same direction, empty values last. */
    function expected(
      key: (row: Sample) => string | number | boolean | null | undefined,
      order: 'ASC' | 'DESC',
    ) {
      const sign = order === 'ASC' ? 1 : -1;
      const indexed = rows.map((row, index) => ({ row, index, value: key(row) ?? null }));
      indexed.sort((a, b) => {
        if (a.value === null || b.value === null) {
          if (a.value !== b.value) return a.value === null ? 1 : -1;
          return sign * (a.index - b.index);
        }
        if (a.value !== b.value) return sign * (a.value < b.value ? -1 : 1);
        return sign * (a.index - b.index);
      });
      return indexed.map(({ row }) => row.identifier);
    }

    it.each([
      ['n', 'DESC', (r: Sample) => r.n],
      ['n', 'ASC', (r: Sample) => r.n],
      ['d', 'ASC', (r: Sample) => (r.d ? Date.parse(r.d) : undefined)],
      ['d', 'DESC', (r: Sample) => (r.d ? Date.parse(r.d) : undefined)],
      ['s', 'DESC', (r: Sample) => r.s],
      ['flag', 'ASC', (r: Sample) => r.flag],
      ['$title', 'ASC', (r: Sample) => r.title],
      ['$identifier', 'DESC', (r: Sample) => r.identifier],
    ] as const)('by %s %s, across pages, with empty values last', async (property, order, key) => {
      const pages = await pageAll(blueprints, bp, { property, order }, 7);
      expect(pages.flat()).toEqual(expected(key, order));
      expect(pages.length).toBe(5);
    });

    it('refuses sorts it cannot apply', async () => {
      const page = (sort: unknown) => () =>
        searchEntityRows(database.db, database.dialect, {
          where: compileWhere(),
          limit: 5,
          blueprint: bp,
          sort,
          blueprints,
        });
      const compileWhere = () =>
        compileSearchQuery(EVERYTHING, { dialect: database.dialect, blueprints, blueprint: bp }).where;
      for (const [sort, message] of [
        [{ property: 'nope', order: 'ASC' }, 'sort: unknown property "nope"'],
        [{ property: 'tags', order: 'ASC' }, 'sort: cannot sort by "tags"'],
        [{ property: '$team', order: 'ASC' }, 'sort: cannot sort by "$team"'],
        [{ property: 'n', order: 'UP' }, 'sort: order must be'],
      ] as const) {
        const error = await failure(page(sort));
        expect(error.kind).toBe('unprocessable');
        expect(error.message).toContain(message);
      }
    });

    describe('cursors', () => {
      const where = () =>
        compileSearchQuery(EVERYTHING, { dialect: database.dialect, blueprints, blueprint: bp }).where;
      const page = (
        cursor: string | undefined,
        sort: unknown = { property: 'n', order: 'DESC' },
        scope = 'q1',
      ) =>
        searchEntityRows(database.db, database.dialect, {
          where: where(),
          limit: 5,
          blueprint: bp,
          sort,
          blueprints,
          cursor,
          cursorScope: scope,
        });
      const rewrite = (cursor: string, change: (payload: Record<string, unknown>) => void) => {
        const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;
        change(payload);
        return Buffer.from(JSON.stringify(payload)).toString('base64url');
      };

      it.each([
        ['garbage', () => 'not a cursor!'],
        ['another query', (c: string) => c, undefined, 'q2'],
        ['another sort', (c: string) => c, { property: 'n', order: 'ASC' }],
        ['a tampered hash', (c: string) => rewrite(c, (p) => (p.h = 'x'))],
        ['a tampered value', (c: string) => rewrite(c, (p) => (p.v = "1' or 1=1 --"))],
        ['a tampered id', (c: string) => rewrite(c, (p) => (p.i = 'x'))],
        ['not JSON', () => Buffer.from('{oops').toString('base64url')],
      ] as const)('refuses a cursor with %s', async (_, alter, sort?: unknown, scope?: string) => {
        const first = await page(undefined);
        const error = await failure(() => page(alter(first.nextCursor!), sort, scope));
        expect(error.kind).toBe('input');
        expect(error.code).toBe('invalid_cursor');
        expect(error.message).toMatch(/^from: /);
      });

      it('continues from a valid cursor', async () => {
        const first = await page(undefined);
        const second = await page(first.nextCursor);
        expect([...first.rows, ...second.rows].map((row) => row.identifier)).toEqual(
          expected((r) => r.n, 'DESC').slice(0, 10),
        );
      });
    });
  });
});
