import { CRITERION_KINDS, enumObject, FIT_BANDS, FIT_LEVELS } from '@closer/domain';
import { registerEnumType } from '@nestjs/graphql';

/** The contract's enums, registered once; values are the same strings the database stores. */
export const FitBandEnum = enumObject(FIT_BANDS);
export const CriterionKindEnum = enumObject(CRITERION_KINDS);
export const FitLevelEnum = enumObject(FIT_LEVELS);
export const AnswerPolicyEnum = enumObject(['AUTO_RELEASE', 'RECRUITER_REVIEW'] as const);
export const SessionStatusEnum = enumObject(['SCHEDULED', 'COMPLETED', 'CANCELLED'] as const);
export const FormStatusEnum = enumObject(['PENDING', 'SENT', 'OPENED', 'SUBMITTED', 'DECLINED', 'EXPIRED', 'FAILED'] as const);
export const AnswerStatusEnum = enumObject(['WAITING_FOR_FEEDBACK', 'AWAITING_REVIEW', 'RELEASED', 'WITHHELD'] as const);

registerEnumType(FitBandEnum, { name: 'FitBand' });
registerEnumType(CriterionKindEnum, { name: 'CriterionKind' });
registerEnumType(FitLevelEnum, {
  name: 'FitLevel',
  description: 'How the panel saw the candidate against one criterion of the profile.',
  valuesMap: {
    STRENGTH: { description: 'mean rating >= 3.5' },
    MEETS: { description: '3 <= mean < 3.5' },
    PARTLY: { description: '2 <= mean < 3' },
    NOT_YET: { description: 'mean < 2' },
    NOT_ASSESSED: { description: 'nobody rated it in this session' },
  },
});
registerEnumType(AnswerPolicyEnum, {
  name: 'AnswerPolicy',
  valuesMap: {
    AUTO_RELEASE: { description: "The candidate's answer is released as soon as it is composed." },
    RECRUITER_REVIEW: { description: 'A recruiter releases (optionally edits) or withholds each answer.' },
  },
});
registerEnumType(SessionStatusEnum, { name: 'SessionStatus' });
registerEnumType(FormStatusEnum, {
  name: 'FormStatus',
  valuesMap: { DECLINED: { description: 'The interviewer declined (did not attend, cannot judge), with a reason.' } },
});
registerEnumType(AnswerStatusEnum, { name: 'AnswerStatus' });
