import type { RecruiterIdentity } from '@closer/domain';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by IdentityMiddleware: the recruiter, or null for a signed anonymous request. */
    identity?: RecruiterIdentity | null;
  }
}
