import { CandidateEntity } from './candidate.entity';
import { CandidateAnswerEntity } from './candidate-answer.entity';
import { CriterionEntity } from './criterion.entity';
import { CriterionRatingEntity } from './criterion-rating.entity';
import { EmailDeliveryEntity } from './email-delivery.entity';
import { FeedbackFormEntity } from './feedback-form.entity';
import { FeedbackResponseEntity } from './feedback-response.entity';
import { FitFeedbackRequestEntity } from './fit-feedback-request.entity';
import { InterviewSessionEntity } from './interview-session.entity';
import { InterviewerEntity } from './interviewer.entity';
import { OrganizationEntity } from './organization.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { RoleEntity } from './role.entity';
import { UserEntity } from './user.entity';

export type { AnswerStatus, StoredFlagDetail, StoredProfileFit } from './candidate-answer.entity';
export type { CriterionKind } from './criterion.entity';
export type { FormStatus } from './feedback-form.entity';
export type { FitFeedbackSource } from './fit-feedback-request.entity';
export type { SessionStatus } from './interview-session.entity';
export type { AnswerPolicy } from './role.entity';
export {
  CandidateAnswerEntity,
  CandidateEntity,
  CriterionEntity,
  CriterionRatingEntity,
  EmailDeliveryEntity,
  FeedbackFormEntity,
  FeedbackResponseEntity,
  FitFeedbackRequestEntity,
  InterviewerEntity,
  InterviewSessionEntity,
  OrganizationEntity,
  OutboxEventEntity,
  RoleEntity,
  UserEntity,
};

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  InterviewerEntity,
  RoleEntity,
  CriterionEntity,
  CandidateEntity,
  InterviewSessionEntity,
  FitFeedbackRequestEntity,
  FeedbackFormEntity,
  FeedbackResponseEntity,
  CriterionRatingEntity,
  CandidateAnswerEntity,
  EmailDeliveryEntity,
  OutboxEventEntity,
];
