import type { CriterionEntity, FeedbackFormEntity, FeedbackResponseEntity } from '@closer/database';
import { fitBandOf, type FitBandValue } from '@closer/domain';

import type { CriterionModel } from '../role/role.model';
import type { FeedbackFormModel, FeedbackResponseModel } from './form.model';

export function toFeedbackFormModel(form: FeedbackFormEntity): FeedbackFormModel {
  return {
    id: form.id,
    status: form.status,
    sentAt: form.sentAt,
    openedAt: form.openedAt,
    submittedAt: form.submittedAt,
    expiresAt: form.expiresAt,
    remindersSent: form.remindersSent,
    lastError: form.lastError,
    declinedAt: form.declinedAt,
    declineReason: form.declineReason,
    interviewerId: form.interviewerId,
  };
}

export function toFeedbackResponseModel(response: FeedbackResponseEntity): FeedbackResponseModel {
  return {
    id: response.id,
    overallFit: fitBandOf(response.overallFit as FitBandValue),
    strengths: response.strengths,
    gaps: response.gaps,
    nextSteps: response.nextSteps,
    candidateMessage: response.candidateMessage,
    privateNote: response.privateNote,
    submittedAt: response.submittedAt,
    interviewerId: response.interviewerId,
  };
}

export function toCriterionModel(criterion: CriterionEntity): CriterionModel {
  return { id: criterion.id, label: criterion.label, description: criterion.description, kind: criterion.kind, weight: criterion.weight };
}
