import type { RecruiterIdentity } from '@closer/domain';

import type { Viewer } from './viewer';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by IdentityMiddleware: the recruiter, or null for a signed anonymous request. */
    identity?: RecruiterIdentity | null;
    /** Set by RecruiterGuard, once per request. */
    viewerLookup?: Promise<Viewer>;
    viewer?: Viewer;
  }
}
