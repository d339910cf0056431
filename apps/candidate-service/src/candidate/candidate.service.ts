import type { CandidateEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';

import { InputValidator, isUuid, TEXT_LIMITS } from '../common/input-validator';
import { Connection, decodeCursor, pageSize, toConnection } from '../common/pagination';
import { DomainError } from '../errors/domain-error';
import { CandidateRepository } from './candidate.repository';
import type { AddCandidateInput } from './dto/add-candidate.input';

@Injectable()
export class CandidateService {
  constructor(private readonly candidates: CandidateRepository) {}

  add(organizationId: string, input: AddCandidateInput): Promise<CandidateEntity> {
    const v = new InputValidator();
    const name = v.line('input.name', input.name, TEXT_LIMITS.name);
    const email = v.email('input.email', input.email);
    const externalId = input.externalId == null ? null : v.line('input.externalId', input.externalId, TEXT_LIMITS.externalId);
    v.throwIfInvalid();
    if (externalId) return this.candidates.upsertByExternalId(organizationId, externalId, { name, email });
    return this.candidates.create(organizationId, { name, email });
  }

  /** Another organization's candidate and a malformed id look exactly like a missing one. */
  async get(organizationId: string, id: string): Promise<CandidateEntity | null> {
    if (!isUuid(id)) return null;
    return this.candidates.findInOrganization(organizationId, id);
  }

  async list(
    organizationId: string,
    args: { search?: string | null; first?: number | null; after?: string | null },
  ): Promise<Connection<CandidateEntity>> {
    const v = new InputValidator();
    const search = v.optionalText('search', args.search, TEXT_LIMITS.search);
    v.throwIfInvalid();
    const size = pageSize('first', args.first);
    const after = decodeCursor('after', args.after);
    const { rows, totalCount } = await this.candidates.page(organizationId, { search, size, after });
    return toConnection(rows, size, totalCount, (row) => row.createdAt);
  }

  async sendPortalLink(organizationId: string, candidateId: string): Promise<void> {
    const rotated = isUuid(candidateId) && (await this.candidates.rotatePortalLink(organizationId, candidateId));
    if (!rotated) throw DomainError.notFound('Candidate');
  }

  async erase(organizationId: string, candidateId: string): Promise<void> {
    const erased = isUuid(candidateId) && (await this.candidates.erase(organizationId, candidateId));
    if (!erased) throw DomainError.notFound('Candidate');
  }
}
