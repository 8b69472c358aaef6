import type { IntegrationConfig, IntegrationFields } from '../../core/integration.js';
import { unprocessable } from '../errors.js';

export type { IntegrationConfig, IntegrationFields };

/** Fields the server answers and keeps itself: a body's are left out. */
const SERVERS = new Set([
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'logAttributes',
  'metricAttributes',
  'resyncState',
  'resyncRequest',
]);

const STRINGS = [
  'installationAppType',
  'installationType',
  'version',
  'processingMode',
  'createPortResourcesOrigin',
];
const BOOLEANS = ['actionsProcessingEnabled', 'incrementalSyncEnabled', 'arePortResourcesInitialized'];
const OBJECTS = ['changelogDestination', 'spec'];

const invalid = (field: string, message: string) =>
  unprocessable('invalid_integration', `${field} ${message}`, { field });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of a body, checked (422 naming the field), without those the server keeps itself. */
export function checkIntegrationFields(body: Record<string, unknown>): IntegrationFields {
  const fields: IntegrationFields = {};
  for (const key of Object.keys(body)) {
    if (SERVERS.has(key)) continue;
    const value = body[key];
    if (STRINGS.includes(key) && (typeof value !== 'string' || value.length > 200))
      throw invalid(key, 'must be text of at most 200 characters');
    if (BOOLEANS.includes(key) && typeof value !== 'boolean') throw invalid(key, 'must be true or false');
    if (OBJECTS.includes(key) && !isObject(value)) throw invalid(key, 'must be an object');
    if (key === 'title' && value !== null && (typeof value !== 'string' || value.length > 200))
      throw invalid(key, 'must be text of at most 200 characters, or null');
    if (key === 'config') {
      fields.config = checkConfig(value);
      continue;
    }
    fields[key] = value;
  }
  return fields;
}

function checkConfig(config: unknown): IntegrationConfig | null {
  if (config === null) return null;
  if (!isObject(config)) throw invalid('config', 'must be an object or null');
  const { resources, entityDeletionThreshold } = config;
  for (const flag of ['deleteDependentEntities', 'createMissingRelatedEntities', 'enableMergeEntity'])
    if (config[flag] !== undefined && typeof config[flag] !== 'boolean')
      throw invalid(`config.${flag}`, 'must be true or false');
  if (
    entityDeletionThreshold !== undefined &&
    (typeof entityDeletionThreshold !== 'number' ||
      !(entityDeletionThreshold >= 0 && entityDeletionThreshold <= 1))
  )
    throw invalid('config.entityDeletionThreshold', 'must be a number from 0 to 1');
  if (resources !== undefined) {
    if (!Array.isArray(resources)) throw invalid('config.resources', 'must be a list');
    resources.forEach((resource, i) => {
      const at = `config.resources[${i}]`;
      if (!isObject(resource)) throw invalid(at, 'must be an object');
      if (typeof resource.kind !== 'string' || resource.kind === '')
        throw invalid(`${at}.kind`, 'must be non-empty text');
      if (resource.selector !== undefined && !isObject(resource.selector))
        throw invalid(`${at}.selector`, 'must be an object');
      if (resource.port !== undefined && !isObject(resource.port))
        throw invalid(`${at}.port`, 'must be an object');
    });
  }
  return config as IntegrationConfig;
}
