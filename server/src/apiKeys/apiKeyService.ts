// Issuing, listing and revoking API keys (admin only, audited), and checking a key an external
// system presents. A key is `hq_` + 256 random bits; it is shown once and only its hash is kept.
import { DomainError } from '@hall/shared/contracts/errors';
import type { ApiKey, ApiKeyScope, ApiKeyWithSecret } from '@hall/shared/contracts/admin';
import { randomToken, sha256 } from '../core/secrets';
import { configChange, type AdminActor, type AdminServiceDeps } from '../audit/configChange';
import type { ApiKeyRepository } from './apiKeyRepository';
import { auditDetail, created, fieldChanges } from '../audit/auditDetail';

const KEY_PREFIX = 'hq_';
/** How much of a key the console shows to tell keys apart (never enough to guess the rest). */
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;
/** Last-used is a nicety: write it at most this often per key, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface ApiKeyServiceDeps extends AdminServiceDeps {
  keys: ApiKeyRepository;
}

export function createApiKeyService(deps: ApiKeyServiceDeps) {
  const { keys } = deps;
  const lastTouched = new Map<number, number>();

  function keyOf(actor: AdminActor, id: number): ApiKey {
    const key = keys.find(actor.hallId, id);
    if (!key) throw new DomainError('NOT_FOUND', { what: 'API key' });
    return key;
  }

  return {
    list(actor: AdminActor): ApiKey[] {
      return keys.list(actor.hallId);
    },

    create(actor: AdminActor, input: { name: string; scopes: ApiKeyScope[] }): ApiKeyWithSecret {
      const secret = KEY_PREFIX + randomToken();
      const apiKey = configChange(deps, actor, 'apiKey.create', () => {
        const id = keys.insert({
          hallId: actor.hallId,
          name: input.name,
          scopes: input.scopes,
          prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
          keyHash: sha256(secret),
          createdAt: deps.clock(),
          createdBy: actor.staffId,
        });
        const key = keys.find(actor.hallId, id)!;
        return {
          result: key,
          detail: auditDetail({ id, label: key.name }, created(key, ['name', 'scopes'])),
        };
      });
      return { apiKey, key: secret };
    },

    revoke(actor: AdminActor, id: number): ApiKey {
      return configChange(deps, actor, 'apiKey.revoke', () => {
        const before = keyOf(actor, id);
        if (before.revokedAt === null) keys.revoke(actor.hallId, id, deps.clock());
        const after = keyOf(actor, id);
        const revoked = (k: ApiKey) => ({ revoked: k.revokedAt !== null });
        return {
          result: after,
          detail: auditDetail(
            { id, label: before.name },
            fieldChanges(revoked(before), revoked(after), ['revoked']),
          ),
        };
      });
    },

    /**
     * The key behind a presented secret, if it is live and allowed `scope` (null: any scope).
     * Refuses with API_KEY_INVALID (unknown or revoked: the caller learns nothing more) or
     * API_KEY_SCOPE.
     */
    authenticate(secret: string, scope: ApiKeyScope | null): ApiKey {
      const key = secret.startsWith(KEY_PREFIX) ? keys.findByKeyHash(sha256(secret)) : null;
      if (!key || key.revokedAt !== null) throw new DomainError('API_KEY_INVALID');
      if (scope !== null && !key.scopes.includes(scope)) throw new DomainError('API_KEY_SCOPE', { scope });
      const now = deps.clock();
      if (now - (lastTouched.get(key.id) ?? -Infinity) >= TOUCH_EVERY_MS) {
        lastTouched.set(key.id, now);
        keys.touch(key.id, now);
      }
      return key;
    },
  };
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
