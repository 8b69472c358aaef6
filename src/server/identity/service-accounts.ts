import { USER_BLUEPRINT } from '../../core/system-blueprints.js';
import type { EntityWriteHook, HookWork } from '../catalog/catalog-context.js';
import { unprocessable } from '../errors.js';
import type { Db } from '../storage/database.js';
import { newClientCredentials } from './app-credentials.service.js';
import { insertCredentialForNewUserQuery } from './credential.repo.js';

/** Port's suffix (§9.5), so that Port's clients work unchanged, and Portico's own. */
export const SERVICE_ACCOUNT_SUFFIXES = ['@serviceaccounts.getport.io', '@serviceaccounts.portico'] as const;

export const isServiceAccountIdentifier = (identifier: string) =>
  SERVICE_ACCOUNT_SUFFIXES.some((suffix) => identifier.endsWith(suffix) && identifier.length > suffix.length);

const SERVICE_ACCOUNT = 'Service Account';

/**
 * Service accounts are made Port's way: a _user entity whose identifier has a service-account suffix and
 * whose port_type is "Service Account". Creating one creates its first credentials in the same
 * transaction and answers them once, in `additionalData.credentials`.
 */
export function serviceAccountHook(db: Db, now: () => string): EntityWriteHook {
  return {
    check(state, existing) {
      const wantsServiceAccount = state.properties.port_type === SERVICE_ACCOUNT;
      if (existing) {
        if ((existing.properties.port_type === SERVICE_ACCOUNT) !== wantsServiceAccount)
          throw unprocessable(
            'invalid_service_account',
            'properties.port_type: a user cannot become a service account, nor a service account a user',
          );
        return;
      }
      if (wantsServiceAccount !== isServiceAccountIdentifier(state.identifier))
        throw unprocessable(
          'invalid_service_account',
          wantsServiceAccount
            ? `identifier: a service account's identifier ends in ${SERVICE_ACCOUNT_SUFFIXES.join(' or ')}`
            : `properties.port_type: "${state.identifier}" is a service account's identifier; set port_type to "${SERVICE_ACCOUNT}"`,
        );
    },

    async prepare(plans) {
      const work = new Map<number, HookWork>();
      for (const plan of plans) {
        if (plan.existing || plan.state.properties.port_type !== SERVICE_ACCOUNT) continue;
        const fresh = await newClientCredentials();
        const statement = insertCredentialForNewUserQuery(
          db,
          {
            clientId: fresh.clientId,
            secretHash: fresh.secretHash,
            label: 'service account',
            createdAt: now(),
          },
          plan.state.identifier,
        );
        work.set(plan.index, {
          statements: [statement],
          additionalData: { credentials: { clientId: fresh.clientId, clientSecret: fresh.clientSecret } },
        });
      }
      return work;
    },
  };
}

export const registerServiceAccounts = (hooks: Map<string, EntityWriteHook>, db: Db, now: () => string) =>
  hooks.set(USER_BLUEPRINT, serviceAccountHook(db, now));
