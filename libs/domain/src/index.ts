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
export { composeAnswer, ESSENTIAL_WEIGHT, lowerMedianBand, MAX_LISTED, NOT_ENOUGH_EVIDENCE, requiredResponses } from './answer-composition';
export type { NewApiKey } from './api-key';
export {
  API_KEY_LOOKUP_AUDIENCE,
  API_KEY_LOOKUP_PATH,
  API_KEY_PREFIX,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  looksLikeApiKey,
} from './api-key';
export type { CriterionKind, FitBand, FitBandValue, FitLevel, Rating } from './fit';
export { CRITERION_KINDS, enumObject, FIT_BANDS, FIT_LEVELS, fitBandOf, fitBandValue, fitLevel, isFitBand, isRating, RATINGS } from './fit';
export type { IdentityCheck, RecruiterIdentity, SignedRequest } from './internal-identity';
export {
  CANDIDATE_SERVICE_SUBGRAPH,
  IDENTITY_HEADER,
  IDENTITY_MAX_AGE_MS,
  IDENTITY_MAX_CLOCK_SKEW_MS,
  identityClaims,
  sealIdentityClaims,
  signIdentity,
  verifyIdentity,
} from './internal-identity';
export type { LinkPurpose, LinkSubject } from './link-token';
export { createLinkToken, verifyLinkToken } from './link-token';
export { PUBLIC_ERROR_CODES, toPublicError } from './public-error';
export type { AddressLookup, WebhookEvent, WebhookUrlRules } from './webhooks';
export {
  generateWebhookSecret,
  isPublicAddress,
  isWebhookEvent,
  resolveWebhookAddress,
  WEBHOOK_EVENTS,
  WEBHOOK_TYPES,
  WebhookAddressError,
  webhookHeaders,
  webhookUrlProblem,
} from './webhooks';
export type {
  CandidateFacingText,
  ProtectedCharacteristic,
  WordingField,
  WordingFlag,
  WordingFlagDetail,
  WordingText,
} from './wording-check';
export {
  APPEARANCE_FLAG,
  candidateFacingTexts,
  checkWording,
  CULTURE_FIT_FLAG,
  FAMILY_CARING_FLAG,
  flagCategories,
  PROTECTED_CHARACTERISTICS,
  screenWording,
  WORDING_FIELDS,
  WORDING_FLAGS,
} from './wording-check';
