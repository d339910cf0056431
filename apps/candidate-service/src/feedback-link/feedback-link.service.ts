import { CloserConfig } from '@closer/config';
import { fitBandValue, isFitBand, isRating, verifyLinkToken } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { InputValidator, TEXT_LIMITS } from '../common/input-validator';
import { DomainError } from '../errors/domain-error';
import { toFeedbackResponseModel } from '../form/form.mapper';
import type { FeedbackResponseModel } from '../form/form.model';
import type { SubmitFeedbackInput } from './dto/submit-feedback.input';
import type { FeedbackFormViewModel } from './feedback-form-view.model';
import { FeedbackLinkRepository, type FormCriterion, type FormLink, type Submission } from './feedback-link.repository';
import { InterviewerCalibrationModel } from './interviewer-calibration.model';
import { InterviewerCalibrationRepository } from './interviewer-calibration.repository';

/** Looked up when a token is not authentic, so a forged token costs the same query as a real one. */
const NO_FORM = '00000000-0000-0000-0000-000000000000';

/**
 * The interviewer's emailed link. Tokens identify the form and its link version; they are never
 * logged or echoed. A form stays readable after it is answered; unanswered, it stops at expiry.
 */
@Injectable()
export class FeedbackLinkService {
  constructor(
    private readonly links: FeedbackLinkRepository,
    private readonly calibrations: InterviewerCalibrationRepository,
    private readonly config: CloserConfig,
  ) {}

  async view(token: string): Promise<FeedbackFormViewModel> {
    const { link, version } = await this.resolve(token);
    refuseUnlessReadable(link, new Date());
    if ((link.status === 'PENDING' || link.status === 'SENT') && link.sessionStatus === 'COMPLETED') {
      if (await this.links.markOpened(link.formId)) return toView({ ...link, status: 'OPENED' });
      // someone else changed the form meanwhile: show it as it is now
      return toView(await this.current(link.formId, version));
    }
    return toView(link);
  }

  async submit(token: string, input: SubmitFeedbackInput): Promise<FeedbackFormViewModel> {
    const { link, version } = await this.resolve(token);
    const now = new Date();
    refuseUnlessAnswerable(link, now);
    const submission = validateSubmission(input, link.criteria);
    if (!(await this.links.submit(link, version, now, submission, this.config.hourMs))) await this.refuseChanged(link.formId, version, now);
    // what the transaction just wrote: no need to read it back
    return toView({
      ...link,
      status: 'SUBMITTED',
      candidateAskedForFeedback: link.candidateAskedForFeedback || submission.candidateAskedForFeedback,
    });
  }

  async decline(token: string, reason: string): Promise<FeedbackFormViewModel> {
    const { link, version } = await this.resolve(token);
    const now = new Date();
    refuseUnlessAnswerable(link, now);
    const validator = new InputValidator();
    const text = validator.text('reason', reason, TEXT_LIMITS.reason);
    validator.throwIfInvalid();
    if (!(await this.links.decline(link, version, now, text))) await this.refuseChanged(link.formId, version, now);
    return toView({ ...link, status: 'DECLINED' });
  }

  /** The response of a submitted form, read only when the caller asks for it. */
  async response(view: FeedbackFormViewModel): Promise<FeedbackResponseModel | null> {
    if (view.status !== 'SUBMITTED') return null;
    const response = await this.links.findResponse(view.formId);
    return response ? toFeedbackResponseModel(response) : null;
  }

  /** Shown to the interviewer alone, and only once they submitted: they cannot tune an answer to it. */
  async calibration(view: FeedbackFormViewModel): Promise<InterviewerCalibrationModel | null> {
    if (view.status !== 'SUBMITTED') return null;
    return this.calibrations.calibrationOf(view.organizationId, view.interviewerId);
  }

  /** Unknown, malformed and forged tokens all take this one path and get the same answer. */
  private async resolve(token: string): Promise<{ link: FormLink; version: number }> {
    const subject = verifyLinkToken(this.config.links.secret, 'form', token);
    const link = await this.links.findLink(subject?.id ?? NO_FORM);
    if (!subject || !link) throw invalidLink();
    return { link: checkVersion(link, subject.version), version: subject.version };
  }

  private async current(formId: string, version: number): Promise<FormLink> {
    return checkVersion(await this.links.findLink(formId), version);
  }

  /** The form changed between the first read and its lock (nothing was written): says how. */
  private async refuseChanged(formId: string, version: number, now: Date): Promise<never> {
    refuseUnlessAnswerable(await this.current(formId, version), now);
    throw new DomainError('CONFLICT', 'This form changed meanwhile; open the link again');
  }
}

function toView(link: FormLink): FeedbackFormViewModel {
  return {
    formId: link.formId,
    status: link.status,
    candidateName: link.candidateName,
    roleTitle: link.roleTitle,
    sessionTitle: link.sessionTitle,
    sessionEndedAt: link.sessionEndedAt,
    interviewerName: link.interviewerName,
    criteria: link.criteria,
    candidateAskedForFeedback: link.candidateAskedForFeedback,
    expiresAt: link.expiresAt,
    organizationId: link.organizationId,
    interviewerId: link.interviewerId,
  };
}

function invalidLink(): DomainError {
  return new DomainError('NOT_FOUND', 'This link is not valid');
}

function checkVersion(link: FormLink | null, version: number): FormLink {
  if (!link) throw invalidLink();
  if (link.linkVersion !== version) throw new DomainError('GONE', 'This link was replaced by a newer one');
  return link;
}

const isAnswered = (link: FormLink): boolean => link.status === 'SUBMITTED' || link.status === 'DECLINED';

function isExpired(link: FormLink, now: Date): boolean {
  return link.status === 'EXPIRED' || (link.expiresAt !== null && link.expiresAt.getTime() <= now.getTime());
}

/** An answered form stays readable; an unanswered one stops working when it expires. */
function refuseUnlessReadable(link: FormLink, now: Date): void {
  if (isAnswered(link)) return;
  if (link.sessionStatus === 'CANCELLED') throw new DomainError('GONE', 'This session was cancelled');
  if (isExpired(link, now)) throw new DomainError('GONE', 'This form has expired');
}

function refuseUnlessAnswerable(link: FormLink, now: Date): void {
  if (link.status === 'SUBMITTED') throw new DomainError('CONFLICT', 'This form was already submitted');
  if (link.status === 'DECLINED') throw new DomainError('CONFLICT', 'This form was already declined');
  refuseUnlessReadable(link, now);
  if (link.sessionStatus !== 'COMPLETED') throw new DomainError('CONFLICT', 'The session has not ended yet');
}

/** Every problem at once, named by its path in the input; criteria left out are "not assessed". */
function validateSubmission(input: SubmitFeedbackInput, criteria: FormCriterion[]): Submission {
  const validator = new InputValidator();
  const overallFit = isFitBand(input.overallFit) ? fitBandValue(input.overallFit) : 0;
  if (!overallFit) validator.fail('input.overallFit', 'must be one of NOT_A_FIT, PARTIAL_FIT, GOOD_FIT, STRONG_FIT');

  const known = new Map(criteria.map((criterion) => [criterion.id.toLowerCase(), criterion.id]));
  const given = new Map<string, { rating: number | null; note: string | null }>();
  const ratings = Array.isArray(input.ratings) ? input.ratings : [];
  if (!Array.isArray(input.ratings)) validator.fail('input.ratings', 'must be a list');
  ratings.forEach((entry, index) => {
    const at = `input.ratings.${index}`;
    const id = typeof entry?.criterionId === 'string' ? known.get(entry.criterionId.toLowerCase()) : undefined;
    if (!id) validator.fail(`${at}.criterionId`, 'is not a criterion of this form');
    else if (given.has(id)) validator.fail(`${at}.criterionId`, 'is rated more than once');
    const rating = entry?.rating ?? null;
    if (rating !== null && !isRating(rating))
      validator.fail(`${at}.rating`, 'must be a whole number from 1 to 4, or null when not assessed');
    const note = validator.optionalText(`${at}.note`, entry?.note, TEXT_LIMITS.note);
    if (id && !given.has(id)) given.set(id, { rating, note });
  });

  const submission: Submission = {
    overallFit,
    candidateAskedForFeedback: input.candidateAskedForFeedback === true,
    ratings: criteria.map((criterion) => ({ criterionId: criterion.id, ...(given.get(criterion.id) ?? { rating: null, note: null }) })),
    strengths: validator.text('input.strengths', input.strengths, TEXT_LIMITS.longText),
    gaps: validator.text('input.gaps', input.gaps, TEXT_LIMITS.longText),
    nextSteps: validator.optionalText('input.nextSteps', input.nextSteps, TEXT_LIMITS.longText),
    candidateMessage: validator.optionalText('input.candidateMessage', input.candidateMessage, TEXT_LIMITS.longText),
    privateNote: validator.optionalText('input.privateNote', input.privateNote, TEXT_LIMITS.longText),
  };
  validator.throwIfInvalid();
  return submission;
}
