import { isDeepStrictEqual } from 'node:util';
import type { BlueprintDefinition } from '../../core/blueprint.js';
import { isSystemBlueprint, systemPropertiesOf } from '../../core/system-blueprints.js';
import { unprocessable } from '../errors.js';

/**
 * `_user` and `_team` are extend-only: users may add properties and relations, but what Portico relies on
 * (their own properties and required list) stays as it is, and the blueprints stay.
 */
export function checkSystemBlueprintChange(before: BlueprintDefinition, after: BlueprintDefinition | null) {
  if (!isSystemBlueprint(before.identifier)) return;
  if (!after)
    throw unprocessable(
      'system_blueprint',
      `Blueprint "${before.identifier}" is Portico's own and cannot be deleted`,
    );
  for (const [key, definition] of Object.entries(systemPropertiesOf(before.identifier))) {
    // A blueprint created by an older Portico gains the properties added since, as Portico defines them.
    const expected = before.schema.properties[key] ?? definition;
    if (!isDeepStrictEqual(after.schema.properties[key], expected))
      throw unprocessable(
        'system_blueprint',
        `schema.properties.${key}: the property "${key}" of "${before.identifier}" is Portico's own and cannot be changed or removed`,
      );
    if (before.schema.required.includes(key) && !after.schema.required.includes(key))
      throw unprocessable(
        'system_blueprint',
        `schema.required: "${key}" of "${before.identifier}" must stay required`,
      );
  }
}

/** A rename of a system blueprint's own property. */
export function checkSystemKeyRename(blueprint: BlueprintDefinition, key: string) {
  if (key in systemPropertiesOf(blueprint.identifier))
    throw unprocessable(
      'system_blueprint',
      `"${key}" of "${blueprint.identifier}" is Portico's own and cannot be renamed`,
    );
}
