import type { CandidateEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';

import { InputValidator, isUuid, TEXT_LIMITS } from '../common/input-validator';
import { Connection, decodeCursor, pageSize, toConnection } from '../common/pagination';
import { DomainError } from '../errors/domain-error';
import type { Viewer } from '../identity/viewer';
import { CandidateRepository } from './candidate.repository';
import { candidateErased } from './candidate-lock';
import type { AddCandidateInput } from './dto/add-candidate.input';
import type { UpdateCandidateInput } from './dto/update-candidate.input';

@Injectable()
export class CandidateService {
  constructor(private readonly candidates: CandidateRepository) {}

  /** With an externalId: one candidate per (organization, externalId), created or updated. */
  add(organizationId: string, input: AddCandidateInput): Promise<CandidateEntity> {
    const values = validated(input);
    const v = new InputValidator();
    const externalId = input.externalId == null ? null : v.line('input.externalId', input.externalId, TEXT_LIMITS.externalId);
    v.throwIfInvalid();
    if (externalId) return this.candidates.upsertByExternalId(organizationId, externalId, values);
    return this.candidates.create(organizationId, values);
  }

  /** The same rules as adding; an erased candidate cannot get personal data back (CONFLICT). */
  async update(organizationId: string, id: string, input: UpdateCandidateInput): Promise<CandidateEntity> {
    const values = validated(input);
    const candidate = isUuid(id) ? await this.candidates.update(organizationId, id, values) : null;
    if (!candidate) throw DomainError.notFound('Candidate');
    if (candidate.erasedAt) throw new DomainError('CONFLICT', 'The candidate was erased');
    return candidate;
  }

  /**
   * Several candidates may share an address (adding one never fails on it), so the dashboard asks
   * first and offers to open the one already there. Null for an address that is not valid.
   */
  async findByEmail(organizationId: string, email: string): Promise<CandidateEntity | null> {
    const v = new InputValidator();
    const normalised = v.email('email', email);
    if (v.has('email')) return null;
    return this.candidates.findByEmail(organizationId, normalised);
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

  /** A hold needs a reason (it is what a later reader must know); lifting it may give one. */
  async setLegalHold(viewer: Viewer, candidateId: string, hold: boolean, reason: string | null | undefined): Promise<CandidateEntity> {
    const v = new InputValidator();
    const why = v.optionalText('reason', reason, TEXT_LIMITS.reason);
    if (hold && why === null && !v.has('reason')) v.fail('reason', 'is required to put a candidate under legal hold');
    v.throwIfInvalid();
    const result = isUuid(candidateId)
      ? await this.candidates.setLegalHold(viewer.organizationId, candidateId, { hold, userId: viewer.user.id, reason: why })
      : null;
    if (!result) throw DomainError.notFound('Candidate');
    if (result === 'ERASED') throw candidateErased();
    return result;
  }

  async erase(organizationId: string, candidateId: string): Promise<void> {
    const erased = isUuid(candidateId) && (await this.candidates.erase(organizationId, candidateId));
    if (!erased) throw DomainError.notFound('Candidate');
  }
}

function validated(input: AddCandidateInput | UpdateCandidateInput): { name: string; email: string } {
  const v = new InputValidator();
  const name = v.line('input.name', input.name, TEXT_LIMITS.name);
  const email = v.email('input.email', input.email);
  v.throwIfInvalid();
  return { name, email };
}
