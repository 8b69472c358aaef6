/**
 * The lowest level an integration's log shows: each takes its own and those above (loguru's levels, as
 * Ocean ships them, with the other names a client may send for the same).
 */
export const LOG_LEVELS = [
  {
    value: 'DEBUG',
    label: 'Debug and above',
    levels: ['DEBUG', 'INFO', 'SUCCESS', 'WARNING', 'WARN', 'ERROR', 'CRITICAL', 'FATAL'],
  },
  {
    value: 'INFO',
    label: 'Info and above',
    levels: ['INFO', 'SUCCESS', 'WARNING', 'WARN', 'ERROR', 'CRITICAL', 'FATAL'],
  },
  {
    value: 'WARNING',
    label: 'Warnings and errors',
    levels: ['WARNING', 'WARN', 'ERROR', 'CRITICAL', 'FATAL'],
  },
  { value: 'ERROR', label: 'Errors only', levels: ['ERROR', 'CRITICAL', 'FATAL'] },
] as const;

export type LogLevel = (typeof LOG_LEVELS)[number]['value'];

/** The levels the log asks the server for: none (every line) without a lowest level. */
export const levelsFrom = (level: LogLevel | undefined): readonly string[] =>
  LOG_LEVELS.find((l) => l.value === level)?.levels ?? [];

/** An integration's page, in the URL: the sync whose metrics are shown, and the log's lowest level. */
export interface IntegrationSearch {
  /** A sync's event id; the newest when absent. */
  sync?: string;
  level?: LogLevel;
}

export function parseIntegrationSearch(search: Record<string, unknown>): IntegrationSearch {
  return {
    sync:
      typeof search.sync === 'string' && search.sync !== '' && search.sync.length <= 200
        ? search.sync
        : undefined,
    level: LOG_LEVELS.find((l) => l.value === search.level)?.value,
  };
}
