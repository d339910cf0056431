import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** The recruiter identity the gateway verified, forwarded to subgraphs. */
export interface RecruiterIdentity {
  sub: string;
  org: string;
  email: string;
  name: string;
  role: string;
}

export const IDENTITY_HEADER = 'x-closer-identity';
/**
 * How long after signing a subgraph accepts a request: the gateway signs each request just
 * before sending it, so a captured header is useless a few seconds later.
 */
export const IDENTITY_MAX_AGE_MS = 5_000;
/** How far the gateway's clock may run ahead of the subgraph's. */
export const IDENTITY_MAX_CLOCK_SKEW_MS = 1_000;

/** The name the gateway composes the candidate service under, and the audience of its signed requests. */
export const CANDIDATE_SERVICE_SUBGRAPH = 'candidate-service';

/**
 * What the signature binds besides the identity: one subgraph request exactly as sent. `body`
 * is the raw bytes on the wire (empty for a request without one).
 */
export interface SignedRequest {
  method: string;
  /** The subgraph the request is for, by the name it knows itself by. */
  subgraph: string;
  body: string | Uint8Array;
}

interface IdentityClaims {
  identity: RecruiterIdentity | null;
  /** Signing time, ms since the epoch. */
  iat: number;
  /** Random per request: no two signed requests are alike, so a replay can be told from a repeat. */
  jti: string;
}

function mac(secret: string, claims: string, request: SignedRequest): string {
  const bodyHash = createHash('sha256').update(request.body).digest('base64url');
  // a JSON array keeps the fields apart whatever they contain
  const signed = JSON.stringify(['closer-identity/2', request.method.toUpperCase(), request.subgraph, bodyHash, claims]);
  return createHmac('sha256', secret).update(signed).digest('base64url');
}

/**
 * Gateway side, first half: the claims for one request (base64url JSON of the identity, the
 * signing time and a random id), before the body to bind them to is known.
 */
export function identityClaims(identity: RecruiterIdentity | null, now = Date.now()): string {
  const claims: IdentityClaims = { identity, iat: now, jti: randomUUID() };
  return Buffer.from(JSON.stringify(claims)).toString('base64url');
}

/** Gateway side, second half: `<claims>.<hmac>` over the claims and the request as sent. */
export function sealIdentityClaims(secret: string, claims: string, request: SignedRequest): string {
  return `${claims}.${mac(secret, claims, request)}`;
}

/** Both halves at once, for a caller that has the body in hand. */
export function signIdentity(secret: string, identity: RecruiterIdentity | null, request: SignedRequest, now = Date.now()): string {
  return sealIdentityClaims(secret, identityClaims(identity, now), request);
}

export type IdentityCheck =
  | { ok: true; identity: RecruiterIdentity | null; nonce: string; signedAt: number }
  | { ok: false; reason: 'missing' | 'bad-signature' | 'stale' };

/**
 * Subgraph side: a request is trusted only with a fresh header signed by the gateway for this
 * very request — same method, same body bytes, this subgraph. A null identity is a signed
 * anonymous request (link-token operations).
 */
export function verifyIdentity(secret: string, header: string | undefined, request: SignedRequest, now = Date.now()): IdentityCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const [claims, signature, extra] = header.split('.');
  if (!claims || !signature || extra !== undefined) return { ok: false, reason: 'bad-signature' };
  const expected = Buffer.from(mac(secret, claims, request));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let decoded: IdentityClaims;
  try {
    decoded = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as IdentityClaims;
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }
  if (typeof decoded.jti !== 'string' || !decoded.jti) return { ok: false, reason: 'bad-signature' };
  if (typeof decoded.iat !== 'number' || now - decoded.iat > IDENTITY_MAX_AGE_MS || decoded.iat - now > IDENTITY_MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: 'stale' };
  }
  return { ok: true, identity: decoded.identity ?? null, nonce: decoded.jti, signedAt: decoded.iat };
}
