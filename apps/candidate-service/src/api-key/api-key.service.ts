import { generateApiKey, type RecruiterIdentity } from '@closer/domain';
import { LIST_LIMITS } from '@closer/query-limits';
import { Injectable } from '@nestjs/common';

import { InputValidator, isUuid, TEXT_LIMITS } from '../common/input-validator';
import { DomainError } from '../errors/domain-error';
import { requireAdmin } from '../identity/require-admin';
import type { Viewer } from '../identity/viewer';
import type { ApiKeyModel, CreatedApiKeyModel } from './api-key.model';
import { ApiKeyRepository } from './api-key.repository';

/** The subject a key acts under: its own recruiter row in the organization, named after the key. */
export const API_KEY_SUBJECT_PREFIX = 'api-key:';

@Injectable()
export class ApiKeyService {
  constructor(private readonly keys: ApiKeyRepository) {}

  async create(viewer: Viewer, rawName: string): Promise<CreatedApiKeyModel> {
    requireAdmin(viewer);
    const v = new InputValidator();
    const name = v.line('name', rawName, TEXT_LIMITS.name);
    v.throwIfInvalid();
    const key = generateApiKey();
    const apiKey = await this.keys.create(viewer.organizationId, { name, prefix: key.prefix, hash: key.hash, createdBy: viewer.user.id });
    return { apiKey, secret: key.secret };
  }

  list(viewer: Viewer): Promise<ApiKeyModel[]> {
    requireAdmin(viewer);
    return this.keys.list(viewer.organizationId, LIST_LIMITS.apiKeys);
  }

  async revoke(viewer: Viewer, id: string): Promise<ApiKeyModel> {
    requireAdmin(viewer);
    const revoked = isUuid(id) ? await this.keys.revoke(viewer.organizationId, id) : null;
    if (!revoked) throw DomainError.notFound('API key');
    return revoked;
  }

  /**
   * The identity the gateway forwards for a key: a recruiter of the key's organization, never an
   * admin. Null for an unknown or revoked key.
   */
  async identify(keyHash: Buffer): Promise<RecruiterIdentity | null> {
    const owner = await this.keys.identify(keyHash);
    if (!owner) return null;
    return {
      sub: `${API_KEY_SUBJECT_PREFIX}${owner.keyId}`,
      org: owner.organizationSlug,
      email: '',
      name: owner.keyName,
      role: 'recruiter',
    };
  }
}
