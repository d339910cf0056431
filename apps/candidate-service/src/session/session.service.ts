import { CloserConfig } from '@closer/config';
import type { InterviewSessionEntity } from '@closer/database';
import { LIST_LIMITS } from '@closer/query-limits';
import { Injectable } from '@nestjs/common';

import { candidateErased } from '../candidate/candidate-lock';
import { InputValidator, isUuid, TEXT_LIMITS } from '../common/input-validator';
import { type Connection, decodeCursor, pageSize, toConnection } from '../common/pagination';
import { DomainError } from '../errors/domain-error';
import type { Viewer } from '../identity/viewer';
import type { ScheduleSessionInput } from './dto/schedule-session.input';
import type { SessionFilter } from './dto/session-filter.input';
import type { InterviewSessionModel } from './session.model';
import { type AddInterviewerReferences, type SchedulingReferences, SessionRepository, type Transition } from './session.repository';

export const MAX_PANEL = LIST_LIMITS.interviewersPerSession;
export const MAX_SESSION_MS = 24 * 60 * 60 * 1000;

/** Something the input names that is not in the caller's organization (or is no id at all). */
function missing(what: string, field: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} not found`, [{ field, message: 'not found' }]);
}

export function toSessionModel(session: InterviewSessionEntity): InterviewSessionModel {
  return {
    id: session.id,
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    status: session.status,
    completedAt: session.completedAt,
    feedbackDueAt: session.feedbackDueAt,
    externalId: session.externalId,
    candidateId: session.candidateId,
    roleId: session.roleId,
  };
}

@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly config: CloserConfig,
  ) {}

  /** Another organization's session and a malformed id look exactly like a missing one. */
  async get(organizationId: string, id: string): Promise<InterviewSessionModel | null> {
    if (!isUuid(id)) return null;
    const session = await this.sessions.findInOrganization(organizationId, id);
    return session && toSessionModel(session);
  }

  /** Null for an externalId that is unknown in the caller's organization, or too long to be one. */
  async getByExternalId(organizationId: string, externalId: string): Promise<InterviewSessionModel | null> {
    if (typeof externalId !== 'string' || externalId.length > TEXT_LIMITS.externalId) return null;
    const session = await this.sessions.findByExternalId(organizationId, externalId.trim());
    return session && toSessionModel(session);
  }

  async list(
    organizationId: string,
    args: { filter?: SessionFilter | null; first?: number | null; after?: string | null },
  ): Promise<Connection<InterviewSessionModel>> {
    const size = pageSize('first', args.first);
    const after = decodeCursor('after', args.after);
    if (after && !isUuid(after.id)) throw DomainError.invalid([{ field: 'after', message: 'is not a cursor from this list' }]);
    const { roleId, candidateId, status, answerStatus } = args.filter ?? {};
    // an id that cannot exist matches nothing, the empty string too: an empty page, not an error
    if ((roleId != null && !isUuid(roleId)) || (candidateId != null && !isUuid(candidateId))) {
      return { nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
    }
    const { rows, totalCount } = await this.sessions.list(organizationId, {
      roleId: roleId ?? undefined,
      candidateId: candidateId ?? undefined,
      status: status ?? undefined,
      answerStatus: answerStatus ?? undefined,
      after,
      limit: size + 1,
    });
    return toConnection(rows.map(toSessionModel), size, totalCount, (session) => session.startsAt);
  }

  /**
   * Checks the input's shape first (every problem at once), then — inside the scheduling
   * transaction — that everything it names belongs to the caller's organization.
   */
  async schedule(viewer: Viewer, input: ScheduleSessionInput): Promise<InterviewSessionModel> {
    const v = new InputValidator();
    const title = v.line('input.title', input.title, TEXT_LIMITS.title);
    const startsAt = v.date('input.startsAt', input.startsAt);
    const endsAt = v.date('input.endsAt', input.endsAt);
    if (!v.has('input.startsAt') && !v.has('input.endsAt')) {
      if (endsAt.getTime() <= startsAt.getTime()) v.fail('input.endsAt', 'must be after startsAt');
      else if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_MS) v.fail('input.endsAt', 'must be at most 24 hours after startsAt');
    }
    const interviewerIds = (input.interviewerIds ?? []).map((id) => String(id).toLowerCase());
    if (interviewerIds.length < 1 || interviewerIds.length > MAX_PANEL) {
      v.fail('input.interviewerIds', `must name 1 to ${MAX_PANEL} interviewers`);
    } else {
      interviewerIds.forEach((id, index) => {
        if (interviewerIds.indexOf(id) !== index) v.fail(`input.interviewerIds.${index}`, 'names the same interviewer twice');
      });
    }
    const externalId = input.externalId == null ? null : v.line('input.externalId', input.externalId, TEXT_LIMITS.externalId);
    v.throwIfInvalid();

    if (!isUuid(input.candidateId)) throw missing('Candidate', 'input.candidateId');
    if (!isUuid(input.roleId)) throw missing('Role', 'input.roleId');
    const malformed = interviewerIds.findIndex((id) => !isUuid(id));
    if (malformed >= 0) throw missing('Interviewer', `input.interviewerIds.${malformed}`);

    const draft = {
      candidateId: input.candidateId.toLowerCase(),
      roleId: input.roleId.toLowerCase(),
      interviewerIds,
      title,
      startsAt,
      endsAt,
      scheduledBy: viewer.user.id,
    };
    const verify = (found: SchedulingReferences) => {
      if (!found.candidate) throw missing('Candidate', 'input.candidateId');
      if (!found.role) throw missing('Role', 'input.roleId');
      const unknown = interviewerIds.findIndex((id) => !found.interviewerIds.has(id));
      if (unknown >= 0) throw missing('Interviewer', `input.interviewerIds.${unknown}`);
      const archived = interviewerIds.findIndex((id) => found.archivedInterviewerIds.has(id));
      if (archived >= 0)
        throw DomainError.invalid([{ field: `input.interviewerIds.${archived}`, message: 'names an archived interviewer' }]);
      if (found.candidate.erasedAt) throw candidateErased();
      if (found.currentCriteria === 0) {
        throw DomainError.invalid([{ field: 'input.roleId', message: 'the role has no criteria: define its profile first' }]);
      }
    };
    const session = externalId
      ? await this.sessions.upsertByExternalId(viewer.organizationId, externalId, draft, verify, (existing) => {
          if (existing.candidateId !== draft.candidateId || existing.roleId !== draft.roleId) {
            throw new DomainError('CONFLICT', 'This externalId names a session of another candidate or role', [
              { field: 'input.externalId', message: 'is already used by another session' },
            ]);
          }
        })
      : await this.sessions.schedule(viewer.organizationId, draft, verify);
    return toSessionModel(session);
  }

  /**
   * Idempotent: a completed session comes back unchanged; a cancelled one cannot complete, nor one
   * that has not started (its forms would ask about an interview that has not taken place):
   * BAD_USER_INPUT naming `id`, since completing it later works.
   */
  async complete(organizationId: string, id: string): Promise<InterviewSessionModel> {
    const result = this.found(isUuid(id) ? await this.sessions.complete(organizationId, id, this.config.hourMs) : null);
    if (!result.changed && result.session.status === 'CANCELLED') throw new DomainError('CONFLICT', 'The session was cancelled');
    if (!result.changed && result.session.status === 'SCHEDULED') {
      throw DomainError.invalid([
        {
          field: 'id',
          message: `the session has not started yet (it starts ${result.session.startsAt.toISOString()}): complete it once it has`,
        },
      ]);
    }
    return toSessionModel(result.session);
  }

  /**
   * Adds an interviewer to a completed session's panel and sends them the form: the way out when
   * too few answered. Refused while the session has not ended (the panel gets its forms at the
   * end: schedule it with them), once the answer was composed and read (awaiting review or
   * released, or withheld by a recruiter), and for an interviewer already on the panel.
   */
  async addInterviewer(organizationId: string, sessionId: string, interviewerId: string): Promise<InterviewSessionModel> {
    if (!isUuid(sessionId)) throw DomainError.notFound('Session');
    if (!isUuid(interviewerId)) throw missing('Interviewer', 'interviewerId');
    const session = await this.sessions.addInterviewer(
      organizationId,
      sessionId.toLowerCase(),
      interviewerId.toLowerCase(),
      this.config.hourMs,
      (found: AddInterviewerReferences) => {
        if (!found.interviewerFound) throw missing('Interviewer', 'interviewerId');
        if (found.session.status === 'CANCELLED') throw new DomainError('CONFLICT', 'The session was cancelled');
        if (found.session.status !== 'COMPLETED') {
          throw new DomainError('CONFLICT', 'The session has not ended yet: its panel gets the forms when it does');
        }
        if (found.candidateErased) throw new DomainError('CONFLICT', 'The candidate was erased');
        if (found.onPanel) throw new DomainError('CONFLICT', 'This interviewer is already on the panel');
        if (
          found.answerStatus === 'AWAITING_REVIEW' ||
          found.answerStatus === 'RELEASED' ||
          (found.answerStatus === 'WITHHELD' && found.answerComposed)
        ) {
          throw new DomainError('CONFLICT', "The candidate's answer for this session is already composed");
        }
      },
    );
    if (!session) throw DomainError.notFound('Session');
    return toSessionModel(session);
  }

  /** Idempotent: a cancelled session comes back unchanged; a completed one cannot be cancelled. */
  async cancel(organizationId: string, id: string): Promise<InterviewSessionModel> {
    const result = this.found(isUuid(id) ? await this.sessions.cancel(organizationId, id) : null);
    if (!result.changed && result.session.status === 'COMPLETED') throw new DomainError('CONFLICT', 'The session has already completed');
    return toSessionModel(result.session);
  }

  /** Idempotent: the first request is kept (whatever its source) and announced once. */
  async recordFitFeedbackRequest(organizationId: string, sessionId: string): Promise<InterviewSessionModel> {
    if (!isUuid(sessionId)) throw DomainError.notFound('Session');
    const result = await this.sessions.recordFitFeedbackRequest(
      organizationId,
      sessionId,
      (session) => {
        if (!session) throw DomainError.notFound('Session');
        if (session.status === 'CANCELLED') throw new DomainError('CONFLICT', 'The session was cancelled');
      },
      this.config.hourMs,
    );
    return toSessionModel(this.found(result).session);
  }

  private found(result: Transition): NonNullable<Transition> {
    if (!result) throw DomainError.notFound('Session');
    return result;
  }
}
