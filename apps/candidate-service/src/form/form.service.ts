import { CloserConfig } from '@closer/config';
import type { FeedbackFormEntity } from '@closer/database';
import { Injectable } from '@nestjs/common';

import { candidateErased } from '../candidate/candidate-lock';
import { isUuid } from '../common/input-validator';
import { DomainError } from '../errors/domain-error';
import { FormRepository, type ResendCandidate } from './form.repository';

@Injectable()
export class FormService {
  constructor(
    private readonly forms: FormRepository,
    private readonly config: CloserConfig,
  ) {}

  /**
   * Sends the form again with a fresh link (the old one answers GONE). Only for a completed
   * session and a form still awaiting an answer; an EXPIRED or FAILED form becomes PENDING again.
   * Never for an erased candidate: their forms were closed for good.
   */
  async resend(organizationId: string, formId: string): Promise<FeedbackFormEntity> {
    const form = isUuid(formId)
      ? await this.forms.resend(organizationId, formId, (candidate) => this.resendExpiry(candidate, new Date()))
      : null;
    if (!form) throw DomainError.notFound('Feedback form');
    return form;
  }

  /**
   * The new link keeps the form's deadline (the later of its own expiry and the session's
   * feedbackDueAt) while that is still ahead; once it has passed, the interviewer gets a full
   * deadline again from now, since a fresh link that is already dead would help nobody.
   */
  private resendExpiry(form: ResendCandidate, now: Date): Date {
    if (form.candidateErased) throw candidateErased();
    if (form.sessionStatus === 'CANCELLED') throw new DomainError('CONFLICT', 'The session was cancelled');
    if (form.sessionStatus !== 'COMPLETED') throw new DomainError('CONFLICT', 'The session has not ended yet: forms go out when it does');
    if (form.status === 'SUBMITTED') throw new DomainError('CONFLICT', 'This form was already submitted');
    if (form.status === 'DECLINED') throw new DomainError('CONFLICT', 'This form was declined');
    // composition happens once: a response arriving after it would count nowhere. A withheld answer
    // is the exception: it had too little feedback, and the re-sent form reopens it
    if (
      form.answerStatus === 'AWAITING_REVIEW' ||
      form.answerStatus === 'RELEASED' ||
      (form.answerStatus === 'WITHHELD' && form.answerComposed)
    ) {
      throw new DomainError('CONFLICT', "The candidate's answer for this session is already composed");
    }
    const deadlines = [form.expiresAt, form.feedbackDueAt].filter((at): at is Date => at !== null).map((at) => at.getTime());
    const current = deadlines.length > 0 ? Math.max(...deadlines) : null;
    if (current !== null && current > now.getTime()) return new Date(current);
    return new Date(now.getTime() + form.feedbackDeadlineHours * this.config.hourMs);
  }
}
