import type { RecruiterIdentity } from '@closer/domain';

import type { Viewer } from './viewer';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by IdentityMiddleware: the recruiter, or null for a signed anonymous request. */
    identity?: RecruiterIdentity | null;
    /** Set by IdentityMiddleware with the identity: what makes this signed request one of a kind. */
    signedRequest?: { nonce: string; signedAt: number };
    /** Set by RecruiterGuard, once per request. */
    viewerLookup?: Promise<Viewer>;
    viewer?: Viewer;
  }
}
