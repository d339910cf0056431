import { CloserConfig } from '@closer/config';
import type { CandidateAnswerEntity, CandidateEntity, InterviewSessionEntity } from '@closer/database';
import { checkWording, fitBandOf, type FitBandValue, verifyLinkToken } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { toProfileFitModels } from '../answer/answer.mapper';
import { InputValidator, isUuid, TEXT_LIMITS } from '../common/input-validator';
import { DomainError } from '../errors/domain-error';
import type { CandidateAnswerViewModel, CandidatePortalModel, CandidateSessionViewModel } from './portal.model';
import { PortalRepository } from './portal.repository';

/**
 * The candidate's side, reached by the portal link only. It never reads responses, ratings,
 * interviewers or notes: the view is built from sessions, requests and released answers alone.
 */
@Injectable()
export class PortalService {
  constructor(
    private readonly config: CloserConfig,
    private readonly portal: PortalRepository,
  ) {}

  async portalOf(token: string): Promise<CandidatePortalModel> {
    const candidate = await this.candidateFor(token);
    const sessions = await this.portal.sessionsOf(candidate);
    return { candidateName: candidate.name, sessions: await this.views(candidate, sessions) };
  }

  /** The candidate asks how well they fit; idempotent, before or after the session ends. */
  async requestFitFeedback(token: string, sessionId: string): Promise<CandidateSessionViewModel> {
    const candidate = await this.candidateFor(token);
    if (!isUuid(sessionId)) throw DomainError.notFound('Session');
    const outcome = await this.portal.recordFitRequest(candidate, sessionId, this.config.hourMs);
    if (outcome === 'CANDIDATE_GONE') throw DomainError.notFound('Portal link');
    if (outcome === 'SESSION_NOT_FOUND') throw DomainError.notFound('Session');
    if (outcome === 'SESSION_CANCELLED') throw new DomainError('CONFLICT', 'This session was cancelled');
    return this.viewOf(candidate, sessionId);
  }

  async rateAnswer(
    token: string,
    sessionId: string,
    helpful: boolean,
    comment: string | null | undefined,
  ): Promise<CandidateSessionViewModel> {
    const candidate = await this.candidateFor(token);
    const input = new InputValidator();
    const text = input.optionalText('comment', comment, TEXT_LIMITS.note);
    input.throwIfInvalid();
    const session = isUuid(sessionId) ? await this.portal.findSession(candidate, sessionId) : null;
    if (!session) throw DomainError.notFound('Session');
    const outcome = await this.portal.rate(candidate, session.id, helpful, text);
    if (outcome === 'CANDIDATE_GONE') throw DomainError.notFound('Portal link');
    if (outcome === 'NO_ANSWER') throw new DomainError('CONFLICT', 'There is no answer to rate for this session yet');
    return this.viewOf(candidate, sessionId);
  }

  /** One reply per answer, once it is released to the candidate; the recruiter who scheduled the session is mailed. */
  async reply(token: string, sessionId: string, message: string): Promise<CandidateSessionViewModel> {
    const candidate = await this.candidateFor(token);
    const input = new InputValidator();
    const text = input.text('message', message, TEXT_LIMITS.reply);
    input.throwIfInvalid();
    const session = isUuid(sessionId) ? await this.portal.findSession(candidate, sessionId) : null;
    if (!session) throw DomainError.notFound('Session');
    // screened like every text a recruiter reads about a candidate; flags are shown to them, the reply is kept as written
    const outcome = await this.portal.reply(candidate, session.id, text, checkWording([text]));
    if (outcome === 'CANDIDATE_GONE') throw DomainError.notFound('Portal link');
    if (outcome === 'ALREADY_REPLIED') throw new DomainError('CONFLICT', 'You have already replied to this answer');
    if (outcome === 'NO_ANSWER') throw new DomainError('CONFLICT', 'There is no answer to reply to for this session yet');
    return this.viewOf(candidate, sessionId);
  }

  /**
   * A forged, malformed or unknown token and an erased candidate all look the same (NOT_FOUND);
   * an authentic token of an older link version is GONE: a newer link was sent.
   */
  private async candidateFor(token: string): Promise<CandidateEntity> {
    const subject = verifyLinkToken(this.config.links.secret, 'portal', token);
    const candidate = subject ? await this.portal.findCandidate(subject.id) : null;
    if (!subject || !candidate || candidate.erasedAt !== null) throw DomainError.notFound('Portal link');
    if (subject.version !== candidate.portalLinkVersion) {
      throw new DomainError('GONE', 'This link was replaced by a newer one; use the latest link we emailed you');
    }
    return candidate;
  }

  private async viewOf(candidate: CandidateEntity, sessionId: string): Promise<CandidateSessionViewModel> {
    const session = await this.portal.findSession(candidate, sessionId);
    if (!session) throw DomainError.notFound('Session');
    const [view] = await this.views(candidate, [session]);
    return view;
  }

  private async views(candidate: CandidateEntity, sessions: InterviewSessionEntity[]): Promise<CandidateSessionViewModel[]> {
    const ids = sessions.map((session) => session.id);
    const [requests, answers, withheld] = await Promise.all([
      this.portal.requestsBySession(ids),
      this.portal.releasedAnswersBySession(ids),
      this.portal.withheldSessionIds(ids),
    ]);
    const shareScore = candidate.organization?.shareScoreWithCandidates === true;
    return sessions.map((session) => {
      const request = requests.get(session.id);
      const asked = request !== undefined;
      const answer = answers.get(session.id);
      return {
        sessionId: session.id,
        title: session.title,
        roleTitle: session.role?.title ?? '',
        startsAt: session.startsAt,
        status: session.status,
        fitFeedbackRequested: asked,
        answerExpectedBy: request?.answerExpectedBy ?? null,
        lateNotifiedAt: request?.lateNotifiedAt ?? null,
        // candidates who did not ask are not shown an answer until they ask (DESIGN, step 7)
        answer: asked && answer ? toAnswerView(answer, shareScore) : null,
        // said whether or not they asked: nobody should wait for an answer that will not come
        answerUnavailable: withheld.has(session.id),
      };
    });
  }
}

/** Only the aggregate: no interviewer, rating, free text of a response or note exists on this shape. */
function toAnswerView(answer: CandidateAnswerEntity, shareScore: boolean): CandidateAnswerViewModel | null {
  // a released answer always has both; without them there is nothing honest to show
  if (answer.status !== 'RELEASED' || answer.fitBand === null || answer.releasedAt === null) return null;
  return {
    fitBand: fitBandOf(answer.fitBand as FitBandValue),
    fitScore: shareScore ? answer.fitScore : null,
    profile: toProfileFitModels(answer.profile),
    strengths: answer.strengths,
    gaps: answer.gaps,
    nextSteps: answer.nextSteps,
    message: answer.message,
    releasedAt: answer.releasedAt,
    reply: answer.candidateReply,
  };
}
