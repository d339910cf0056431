import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { ApiKeyModel } from './api-key.model';

const COLUMNS = `id, name, prefix, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Who a key acts as: its organization (by slug, as in a JWT) and the key itself. */
export interface ApiKeyOwner {
  keyId: string;
  keyName: string;
  organizationSlug: string;
}

@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(organizationId: string, values: { name: string; prefix: string; hash: Buffer; createdBy: string }): Promise<ApiKeyModel> {
    const [row] = await this.dataSource.query<ApiKeyModel[]>(
      `INSERT INTO api_keys (organization_id, name, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [organizationId, values.name, values.prefix, values.hash, values.createdBy],
    );
    return row;
  }

  /** Newest first, revoked ones included (the dashboard shows when they were revoked). */
  list(organizationId: string, limit: number): Promise<ApiKeyModel[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM api_keys WHERE organization_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [
      organizationId,
      limit,
    ]);
  }

  /** Idempotent: revoking a revoked key keeps its first revocation time. Null when not in the organization. */
  async revoke(organizationId: string, id: string): Promise<ApiKeyModel | null> {
    const [rows] = await this.dataSource.query<[ApiKeyModel[], number]>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND organization_id = $2 RETURNING ${COLUMNS}`,
      [id, organizationId],
    );
    return rows[0] ?? null;
  }

  /**
   * The live key with this hash, if any. Notes its use at most once a minute, so a busy
   * integration does not write a row per request.
   */
  async identify(hash: Buffer): Promise<ApiKeyOwner | null> {
    const [row] = await this.dataSource.query<ApiKeyOwner[]>(
      `WITH found AS (
         SELECT k.id, k.name, o.slug FROM api_keys k JOIN organizations o ON o.id = k.organization_id
          WHERE k.key_hash = $1 AND k.revoked_at IS NULL
       ), touched AS (
         UPDATE api_keys SET last_used_at = now()
          WHERE id IN (SELECT id FROM found) AND (last_used_at IS NULL OR last_used_at <= now() - interval '1 minute')
       )
       SELECT id AS "keyId", name AS "keyName", slug AS "organizationSlug" FROM found`,
      [hash],
    );
    return row ?? null;
  }
}
