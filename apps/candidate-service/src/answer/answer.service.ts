import type { AnswerStatus, CandidateAnswerEntity } from '@closer/database';
import { screenWording } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { InputValidator, isUuid, TEXT_LIMITS } from '../common/input-validator';
import { DomainError } from '../errors/domain-error';
import type { Viewer } from '../identity/viewer';
import { AnswerRepository } from './answer.repository';

const RELEASE_CONFLICTS: Record<AnswerStatus, string> = {
  WAITING_FOR_FEEDBACK: 'This answer is still waiting for feedback and cannot be released yet',
  AWAITING_REVIEW: 'This answer changed meanwhile; reload it',
  RELEASED: 'This answer was already released',
  WITHHELD: 'This answer was withheld: write a message to the candidate to release it by hand',
};

const WITHHOLD_CONFLICTS: Record<AnswerStatus, string> = {
  WAITING_FOR_FEEDBACK: 'This answer changed meanwhile; reload it',
  AWAITING_REVIEW: 'This answer changed meanwhile; reload it',
  RELEASED: 'This answer was already released to the candidate and cannot be withheld',
  WITHHELD: 'This answer was already withheld',
};

/** The recruiter's review of a composed answer: release it (optionally with their own message) or withhold it. */
@Injectable()
export class AnswerService {
  constructor(private readonly answers: AnswerRepository) {}

  async release(viewer: Viewer, id: string, message: string | null | undefined): Promise<CandidateAnswerEntity> {
    if (!isUuid(id)) throw DomainError.notFound('Candidate answer');
    const input = new InputValidator();
    // a blank message keeps the composed one
    const replacement = input.optionalText('message', message, TEXT_LIMITS.longText);
    input.throwIfInvalid();
    // a recruiter's own words are screened too: the release goes ahead, the flags come back as a warning
    const edit =
      replacement === null ? null : { message: replacement, flagDetails: screenWording([{ field: 'message', text: replacement }]) };
    const released = await this.answers.release(viewer.organizationId, id, viewer.user.id, edit);
    if (released) return released;
    const current = await this.answers.findInOrganization(viewer.organizationId, id);
    if (current?.status === 'WITHHELD' && replacement !== null) return this.releaseByHand(viewer, id, replacement);
    return this.refuse(viewer.organizationId, id, RELEASE_CONFLICTS);
  }

  /**
   * A withheld answer, released with the recruiter's own message: composed from the responses that
   * arrived, however few. Without any response there is no band to give: the candidate can be told
   * instead (`notifyCandidateNoAnswer`).
   */
  private async releaseByHand(viewer: Viewer, id: string, message: string): Promise<CandidateAnswerEntity> {
    const outcome = await this.answers.releaseWithheld(viewer.organizationId, id, viewer.user.id, message);
    switch (outcome.kind) {
      case 'released':
        return (await this.answers.findInOrganization(viewer.organizationId, id))!;
      case 'not-found':
        throw DomainError.notFound('Candidate answer');
      case 'no-responses':
        throw new DomainError(
          'CONFLICT',
          'This answer was withheld and no interviewer answered: there is nothing to release; tell the candidate instead',
        );
      case 'candidate-erased':
        throw new DomainError('CONFLICT', 'The candidate was erased');
      case 'not-withheld':
        return this.refuse(viewer.organizationId, id, RELEASE_CONFLICTS);
    }
  }

  /**
   * Tells the candidate of a withheld answer, once, that not enough feedback could be gathered.
   * Asking again returns the answer unchanged and mails nothing more.
   */
  async notifyCandidate(viewer: Viewer, id: string): Promise<CandidateAnswerEntity> {
    if (!isUuid(id)) throw DomainError.notFound('Candidate answer');
    const notified = await this.answers.notifyCandidate(viewer.organizationId, id);
    if (notified) return notified;
    const current = await this.answers.findInOrganization(viewer.organizationId, id);
    if (!current) throw DomainError.notFound('Candidate answer');
    if (current.status !== 'WITHHELD') throw new DomainError('CONFLICT', 'Only a withheld answer can be replaced by this note');
    if (current.candidateNotifiedAt) return current;
    throw new DomainError('CONFLICT', 'The candidate was erased');
  }

  async withhold(viewer: Viewer, id: string, reason: string): Promise<CandidateAnswerEntity> {
    if (!isUuid(id)) throw DomainError.notFound('Candidate answer');
    const input = new InputValidator();
    const text = input.text('reason', reason, TEXT_LIMITS.reason);
    input.throwIfInvalid();
    const withheld = await this.answers.withhold(viewer.organizationId, id, text);
    return withheld ?? this.refuse(viewer.organizationId, id, WITHHOLD_CONFLICTS);
  }

  /** The conditional update matched nothing: say whether the answer is missing or in the wrong state. */
  private async refuse(organizationId: string, id: string, conflicts: Record<AnswerStatus, string>): Promise<never> {
    const current = await this.answers.findInOrganization(organizationId, id);
    if (!current) throw DomainError.notFound('Candidate answer');
    throw new DomainError('CONFLICT', conflicts[current.status]);
  }
}
