import type { InterviewerEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';

import { InputValidator, isUuid, TEXT_LIMITS } from '../common/input-validator';
import { MAX_PAGE_SIZE, pageSize } from '../common/pagination';
import { DomainError } from '../errors/domain-error';
import type { AddInterviewerInput } from './dto/add-interviewer.input';
import type { UpdateInterviewerInput } from './dto/update-interviewer.input';
import { InterviewerRepository } from './interviewer.repository';

@Injectable()
export class InterviewerService {
  constructor(private readonly interviewers: InterviewerRepository) {}

  /** By name, at most `first` (a page: 0 to 200; null means 200); archived ones only when asked. */
  list(organizationId: string, first: number | null, includeArchived = false): Promise<InterviewerEntity[]> {
    return this.interviewers.listForOrganization(organizationId, pageSize('first', first, MAX_PAGE_SIZE), includeArchived);
  }

  /** The email is stored lower-case; one interviewer per address in an organization (CONFLICT otherwise). */
  add(organizationId: string, input: AddInterviewerInput): Promise<InterviewerEntity> {
    const values = this.validated(input);
    const v = new InputValidator();
    const externalId = input.externalId == null ? null : v.line('input.externalId', input.externalId, TEXT_LIMITS.externalId);
    v.throwIfInvalid();
    if (externalId) return this.interviewers.upsertByExternalId(organizationId, externalId, values);
    return this.interviewers.create(organizationId, values);
  }

  /** The same rules as adding; another organization's interviewer looks like a missing one. */
  async update(organizationId: string, id: string, input: UpdateInterviewerInput): Promise<InterviewerEntity> {
    const values = this.validated(input);
    const updated = isUuid(id) ? await this.interviewers.update(organizationId, id, values) : null;
    if (!updated) throw DomainError.notFound('Interviewer');
    return updated;
  }

  /** Idempotent both ways; past sessions and answers keep the interviewer. */
  async setArchived(organizationId: string, id: string, archived: boolean): Promise<InterviewerEntity> {
    const interviewer = isUuid(id) ? await this.interviewers.setArchived(organizationId, id, archived) : null;
    if (!interviewer) throw DomainError.notFound('Interviewer');
    return interviewer;
  }

  private validated(input: AddInterviewerInput | UpdateInterviewerInput): { name: string; email: string } {
    const v = new InputValidator();
    const name = v.line('input.name', input.name, TEXT_LIMITS.name);
    const email = v.email('input.email', input.email);
    v.throwIfInvalid();
    return { name, email };
  }
}
