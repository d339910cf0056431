import type { CandidateAnswerEntity, StoredProfileFit } from '@closer/database';
import { fitBandOf, type FitBandValue } from '@closer/domain';

import type { CandidateAnswerModel, ProfileFitModel } from './answer.model';

/** The stored profile without criterion ids: clients see the label, kind and level only. */
export function toProfileFitModels(profile: StoredProfileFit[]): ProfileFitModel[] {
  return profile.map(({ criterion, kind, level }) => ({ criterion, kind, level }));
}

/**
 * The recruiter's view of an answer. Every resolver that returns a CandidateAnswer (the review
 * mutations here, `InterviewSession.answer`) maps through this one function.
 */
export function toCandidateAnswerModel(answer: CandidateAnswerEntity): CandidateAnswerModel {
  return {
    id: answer.id,
    status: answer.status,
    fitBand: answer.fitBand === null ? null : fitBandOf(answer.fitBand as FitBandValue),
    fitScore: answer.fitScore,
    profile: toProfileFitModels(answer.profile),
    strengths: answer.strengths,
    gaps: answer.gaps,
    nextSteps: answer.nextSteps,
    message: answer.message,
    responsesCount: answer.responsesCount,
    flags: answer.flags,
    flagDetails: answer.flagDetails.map(({ category, excerpt, field }) => ({ category, excerpt, field })),
    withheldReason: answer.withheldReason,
    releasedAt: answer.releasedAt,
    helpful: answer.helpful,
    candidateReply: answer.candidateReply,
    candidateRepliedAt: answer.candidateRepliedAt,
    candidateNotifiedAt: answer.candidateNotifiedAt,
  };
}
