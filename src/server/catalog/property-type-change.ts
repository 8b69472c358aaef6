import type { BlueprintDefinition, JsonObject, PropertySchema } from '../../core/blueprint.js';
import { storedOnly } from '../../core/computed-properties.js';
import { conflict, DomainError, unprocessable } from '../errors.js';
import type { JqPool } from '../jq/jq-pool.js';
import type { Db } from '../storage/database.js';
import type { Dialect } from '../storage/dialect/index.js';
import { listEntityRowsAfter, rowToState, touchEntities } from './entity.repo.js';
import { WRITES_PER_STATEMENT, writePropertiesAtVersion } from './computed/computed.repo.js';
import { MAX_PROPERTIES_CHARACTERS } from './entity-write.js';
import type { PropertyValidators } from './property-validator.js';

export interface TypeChangeFailure {
  identifier: string;
  message: string;
}

export interface TypeChangeReport {
  /** Entities whose value the conversion changes (entities without a value keep none). */
  converted: number;
  /** How many would fail, and the first of them. */
  failedCount: number;
  failed: TypeChangeFailure[];
}

const PAGE = 1000;
const SHOWN_FAILURES = 20;
const JQ_TIMEOUT_MS = 5_000;

/**
 * Converts property `key` of every entity of `before` with the jq program `conversion` (its input is the
 * old value, its first output the new one; null or no output leaves none), checking each result against
 * `after`. With `write`, and only if none fails, writes them all in `trx` (each a new version of its
 * entity, by `actor`). Answers what happened, or would.
 */
export async function convertProperty(
  deps: { dialect: Dialect; jq: JqPool; validators: PropertyValidators },
  trx: Db,
  change: { before: BlueprintDefinition; after: BlueprintDefinition; key: string; conversion: string },
  write: { actor: string; at: string; history: boolean } | undefined,
): Promise<TypeChangeReport> {
  const { before, after, key, conversion } = change;
  const validator = deps.validators.compile(after);
  const report: TypeChangeReport = { converted: 0, failedCount: 0, failed: [] };
  const writes: Array<{ id: number; version: number; properties: JsonObject }> = [];
  for (let afterId = 0; ;) {
    const rows = await listEntityRowsAfter(trx, before.identifier, afterId, PAGE);
    if (!rows.length) break;
    afterId = rows[rows.length - 1]!.id;
    const holding = rows
      .map((row) => ({ row, properties: rowToState(deps.dialect, row).properties }))
      .filter(({ properties }) => Object.hasOwn(properties, key) && properties[key] !== null);
    if (!holding.length) continue;
    let results;
    try {
      results = await deps.jq.evaluateEach(
        conversion,
        holding.map(({ properties }) => properties[key]),
        { timeoutMs: JQ_TIMEOUT_MS },
      );
    } catch (error) {
      if (error instanceof DomainError)
        throw unprocessable('invalid_conversion', `conversion: ${error.message}`);
      throw error;
    }
    holding.forEach(({ row, properties }, i) => {
      const result = results[i]!;
      const fail = (message: string) => {
        report.failedCount++;
        if (report.failed.length < SHOWN_FAILURES)
          report.failed.push({ identifier: row.identifier, message });
      };
      if ('error' in result) return fail(result.error.message);
      const value = result.outputs[0] ?? null;
      const stored = storedOnly(before, properties);
      const next: JsonObject = { ...stored };
      if (value === null) delete next[key];
      else next[key] = value;
      const problem = validator.validate(next);
      if (problem) return fail(problem);
      const size = JSON.stringify(next).length;
      if (size > MAX_PROPERTIES_CHARACTERS)
        return fail(
          `its properties would take ${size} characters as JSON, over the limit of ${MAX_PROPERTIES_CHARACTERS} (1 MiB)`,
        );
      report.converted++;
      if (!write) return;
      const written: JsonObject = { ...properties };
      if (value === null) delete written[key];
      else written[key] = value;
      writes.push({ id: row.id, version: row.version, properties: written });
    });
  }
  if (!write || report.failedCount) return report;
  for (let i = 0; i < writes.length; i += WRITES_PER_STATEMENT) {
    const chunk = writes.slice(i, i + WRITES_PER_STATEMENT);
    // Marked updated by who converted them before their versions copy the rows.
    await touchEntities(
      trx,
      chunk.map((w) => w.id),
      write.at,
      write.actor,
    );
    const written = await writePropertiesAtVersion(trx, deps.dialect, chunk, write);
    // Rows of this blueprint wait for its change (its row is locked); only a computed value's write could
    // come between, and that makes the whole change start again.
    if (written.length !== chunk.length)
      throw conflict(
        'conversion_raced',
        `conversion: entities of "${before.identifier}" changed while they were converted; nothing was written: send it again`,
      );
  }
  return report;
}

/** The property's new schema: what the request gives, keeping the title and description it had. */
export function changedSchema(old: PropertySchema, given: JsonObject): PropertySchema {
  return {
    ...(old.title !== undefined ? { title: old.title } : {}),
    ...(old.description !== undefined ? { description: old.description } : {}),
    ...given,
  } as PropertySchema;
}
