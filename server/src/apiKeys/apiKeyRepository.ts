// Admin-issued API keys for external systems (a provincial booking app, a ratings platform).
// Only the SHA-256 of each key is stored, like device keys.
import type { ApiKey, ApiKeyScope } from '@hall/shared/contracts/admin';
import type { Db } from '../core/db/database';

interface ApiKeyRow {
  id: number;
  hall_id: number;
  name: string;
  scopes_json: string;
  prefix: string;
  key_hash: string;
  created_at: number;
  created_by: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  hallId: r.hall_id,
  name: r.name,
  scopes: JSON.parse(r.scopes_json) as ApiKeyScope[],
  prefix: r.prefix,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export function createApiKeyRepository(db: Db) {
  const byHash = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = ?');
  const byId = db.prepare<[number, number], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ? AND hall_id = ?');
  const byHall = db.prepare<[number], ApiKeyRow>('SELECT * FROM api_keys WHERE hall_id = ? ORDER BY id');
  const insertStmt = db.prepare(
    `INSERT INTO api_keys (hall_id, name, scopes_json, prefix, key_hash, created_at, created_by)
     VALUES (@hallId, @name, @scopesJson, @prefix, @keyHash, @createdAt, @createdBy)`,
  );
  const revokeStmt = db.prepare(
    'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND hall_id = ? AND revoked_at IS NULL',
  );
  const touchStmt = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
  return {
    findByKeyHash(keyHash: string): ApiKey | null {
      const r = byHash.get(keyHash);
      return r ? toApiKey(r) : null;
    },
    find(hallId: number, id: number): ApiKey | null {
      const r = byId.get(id, hallId);
      return r ? toApiKey(r) : null;
    },
    list(hallId: number): ApiKey[] {
      return byHall.all(hallId).map(toApiKey);
    },
    insert(k: {
      hallId: number;
      name: string;
      scopes: ApiKeyScope[];
      prefix: string;
      keyHash: string;
      createdAt: number;
      createdBy: number | null;
    }): number {
      const info = insertStmt.run({ ...k, scopesJson: JSON.stringify(k.scopes) });
      return Number(info.lastInsertRowid);
    },
    revoke(hallId: number, id: number, at: number): void {
      revokeStmt.run(at, id, hallId);
    },
    touch(id: number, at: number): void {
      touchStmt.run(at, id);
    },
  };
}
export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
