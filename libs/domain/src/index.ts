export { IDENTITY_HEADER, IDENTITY_MAX_AGE_MS, signIdentity, verifyIdentity } from './internal-identity';
export type { IdentityCheck, RecruiterIdentity } from './internal-identity';
export { createLinkToken, verifyLinkToken } from './link-token';
export type { LinkPurpose, LinkSubject } from './link-token';
export {
  CRITERION_KINDS,
  FIT_BANDS,
  FIT_LEVELS,
  RATINGS,
  enumObject,
  fitBandOf,
  fitBandValue,
  fitLevel,
  isFitBand,
  isRating,
} from './fit';
export type { CriterionKind, FitBand, FitBandValue, FitLevel, Rating } from './fit';
export { ESSENTIAL_WEIGHT, MAX_LISTED, NOT_ENOUGH_EVIDENCE, composeAnswer, lowerMedianBand, requiredResponses } from './answer-composition';
export type {
  AnswerComposition,
  AnswerInput,
  ComposedAnswer,
  CriterionRating,
  PanelResponse,
  ProfileCriterion,
  ProfileFit,
  WithheldAnswer,
} from './answer-composition';
export { CULTURE_FIT_FLAG, PROTECTED_CHARACTERISTICS, checkWording } from './wording-check';
export type { ProtectedCharacteristic, WordingFlag } from './wording-check';
