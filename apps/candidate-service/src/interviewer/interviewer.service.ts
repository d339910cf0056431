import type { InterviewerEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';

import { InputValidator, TEXT_LIMITS } from '../common/input-validator';
import { MAX_PAGE_SIZE, pageSize } from '../common/pagination';
import type { AddInterviewerInput } from './dto/add-interviewer.input';
import { InterviewerRepository } from './interviewer.repository';

@Injectable()
export class InterviewerService {
  constructor(private readonly interviewers: InterviewerRepository) {}

  /** By name, at most `first` (a page: 0 to 200; null means 200). */
  list(organizationId: string, first: number | null): Promise<InterviewerEntity[]> {
    return this.interviewers.listForOrganization(organizationId, pageSize('first', first, MAX_PAGE_SIZE));
  }

  /** The email is stored lower-case; one interviewer per address in an organization (CONFLICT otherwise). */
  add(organizationId: string, input: AddInterviewerInput): Promise<InterviewerEntity> {
    const v = new InputValidator();
    const name = v.line('input.name', input.name, TEXT_LIMITS.name);
    const email = v.email('input.email', input.email);
    const externalId = input.externalId == null ? null : v.line('input.externalId', input.externalId, TEXT_LIMITS.externalId);
    v.throwIfInvalid();
    if (externalId) return this.interviewers.upsertByExternalId(organizationId, externalId, { name, email });
    return this.interviewers.create(organizationId, { name, email });
  }
}
