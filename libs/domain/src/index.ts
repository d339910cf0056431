export { IDENTITY_HEADER, IDENTITY_MAX_AGE_MS, signIdentity, verifyIdentity } from './internal-identity';
export type { IdentityCheck, RecruiterIdentity } from './internal-identity';
export { createLinkToken, verifyLinkToken } from './link-token';
export type { LinkPurpose, LinkSubject } from './link-token';
