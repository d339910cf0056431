import { fitBandOf, type FitBandValue } from '@closer/domain';
import { Injectable } from '@nestjs/common';

import { isUuid } from '../common/input-validator';
import { DomainError } from '../errors/domain-error';
import type { Viewer } from '../identity/viewer';
import type { CandidateDataExportModel } from './candidate-data-export.model';
import { CandidateDataExportRepository, CandidateRecords } from './candidate-data-export.repository';

/**
 * Subject-access export: one JSON document with everything held about a candidate. Interviewers
 * are "Interviewer 1", "Interviewer 2" … in order of first appearance (the same person keeps one
 * label across sessions) unless the recruiter chose to reveal them.
 */
@Injectable()
export class CandidateDataExportService {
  constructor(private readonly exports: CandidateDataExportRepository) {}

  async export(viewer: Viewer, candidateId: string, revealInterviewers: boolean): Promise<CandidateDataExportModel> {
    const reveal = revealInterviewers === true;
    const records = isUuid(candidateId)
      ? await this.exports.exportOf(viewer.organizationId, candidateId, { userId: viewer.user.id, reveal })
      : null;
    if (!records) throw DomainError.notFound('Candidate');
    return { generatedAt: records.generatedAt, json: JSON.stringify(toDocument(records, reveal), null, 2) };
  }
}

const band = (value: unknown) => (value === null || value === undefined ? null : fitBandOf(Number(value) as FitBandValue));

function toDocument(records: CandidateRecords, reveal: boolean) {
  const labels = new Map<string, string>();
  const interviewerOf = (form: CandidateRecords['forms'][number]) => {
    if (reveal) return { name: form.interviewer_name, email: form.interviewer_email };
    if (!labels.has(form.interviewer_id)) labels.set(form.interviewer_id, `Interviewer ${labels.size + 1}`);
    return labels.get(form.interviewer_id)!;
  };
  const { candidate } = records;
  return {
    generatedAt: records.generatedAt,
    interviewersRevealed: reveal,
    candidate: {
      id: candidate.id,
      name: candidate.name,
      email: candidate.email,
      createdAt: candidate.created_at,
      erasedAt: candidate.erased_at,
      legalHold: { held: candidate.legal_hold, since: candidate.legal_hold_at, reason: candidate.legal_hold_reason },
    },
    sessions: records.sessions.map((session) => {
      const request = records.requests.find((r) => r.session_id === session.id);
      const answer = records.answers.find((a) => a.session_id === session.id);
      return {
        id: session.id,
        title: session.title,
        role: { id: session.role_id, title: session.role_title },
        startsAt: session.starts_at,
        endsAt: session.ends_at,
        status: session.status,
        completedAt: session.completed_at,
        cancelledAt: session.cancelled_at,
        feedbackDueAt: session.feedback_due_at,
        fitFeedbackRequest: request
          ? {
              source: request.source,
              requestedAt: request.requested_at,
              answerExpectedBy: request.answer_expected_by,
              lateNotifiedAt: request.late_notified_at,
            }
          : null,
        forms: records.forms
          .filter((form) => form.session_id === session.id)
          .map((form) => {
            const response = records.responses.find((r) => r.form_id === form.id);
            return {
              id: form.id,
              interviewer: interviewerOf(form),
              status: form.status,
              sentAt: form.sent_at,
              openedAt: form.opened_at,
              submittedAt: form.submitted_at,
              declinedAt: form.declined_at,
              declineReason: form.decline_reason,
              expiresAt: form.expires_at,
              remindersSent: form.reminders_sent,
              response: response
                ? {
                    overallFit: band(response.overall_fit),
                    ratings: records.ratings
                      .filter((rating) => rating.response_id === response.id)
                      .map((rating) => ({ criterion: rating.criterion, kind: rating.kind, rating: rating.rating, note: rating.note })),
                    strengths: response.strengths,
                    gaps: response.gaps,
                    nextSteps: response.next_steps,
                    candidateMessage: response.candidate_message,
                    privateNote: response.private_note,
                    submittedAt: response.submitted_at,
                  }
                : null,
            };
          }),
        answer: answer
          ? {
              id: answer.id,
              status: answer.status,
              fitBand: band(answer.fit_band),
              fitScore: answer.fit_score,
              profile: (answer.profile as { criterion: string; kind: string; level: string }[]).map(({ criterion, kind, level }) => ({
                criterion,
                kind,
                level,
              })),
              strengths: answer.strengths,
              gaps: answer.gaps,
              nextSteps: answer.next_steps,
              message: answer.message,
              responsesCount: answer.responses_count,
              flags: answer.flags,
              withheldReason: answer.withheld_reason,
              composedAt: answer.composed_at,
              releasedAt: answer.released_at,
              helpful: answer.helpful,
              helpfulComment: answer.helpful_comment,
              ratedAt: answer.rated_at,
              reply: answer.candidate_reply,
              replyFlags: answer.candidate_reply_flags,
              repliedAt: answer.candidate_replied_at,
            }
          : null,
      };
    }),
    mails: records.mails.map((mail) => ({ kind: mail.kind, sentAt: mail.created_at, status: mail.status, messageId: mail.message_id })),
  };
}
