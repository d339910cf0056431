import type { CandidateEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';

import { DomainError, FieldProblem } from '../errors/domain-error';
import { CandidateRepository } from './candidate.repository';
import type { AddCandidateInput } from './dto/add-candidate.input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
export const NAME_MAX = 200;
export const EMAIL_MAX = 254;

@Injectable()
export class CandidateService {
  constructor(private readonly candidates: CandidateRepository) {}

  add(organizationId: string, input: AddCandidateInput): Promise<CandidateEntity> {
    const name = input.name.trim();
    const email = input.email.trim().toLowerCase();
    const problems: FieldProblem[] = [];
    if (!name || name.length > NAME_MAX || name.includes('\0'))
      problems.push({ field: 'name', message: `must be 1-${NAME_MAX} characters` });
    if (!EMAIL.test(email) || email.length > EMAIL_MAX) problems.push({ field: 'email', message: 'must be a valid email address' });
    if (problems.length > 0) throw DomainError.invalid(problems);
    return this.candidates.create(organizationId, { name, email });
  }

  /** Another organization's candidate and a malformed id look exactly like a missing one. */
  async get(organizationId: string, id: string): Promise<CandidateEntity | null> {
    if (!UUID.test(id)) return null;
    return this.candidates.findInOrganization(organizationId, id);
  }

  async sendPortalLink(organizationId: string, candidateId: string): Promise<void> {
    const rotated = UUID.test(candidateId) && (await this.candidates.rotatePortalLink(organizationId, candidateId));
    if (!rotated) throw DomainError.notFound('Candidate');
  }
}
