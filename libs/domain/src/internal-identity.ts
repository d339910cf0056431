import { createHmac, timingSafeEqual } from 'node:crypto';

/** The recruiter identity the gateway verified, forwarded to subgraphs. */
export interface RecruiterIdentity {
  sub: string;
  org: string;
  email: string;
  name: string;
  role: string;
}

export const IDENTITY_HEADER = 'x-closer-identity';
/** Short validity: a captured header is useless soon after. */
export const IDENTITY_MAX_AGE_MS = 60_000;

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`closer-identity:${body}`).digest('base64url');
}

/** Gateway side: `<base64url(json)>.<hmac>`; the JSON carries the claims and the signing time. */
export function signIdentity(secret: string, identity: RecruiterIdentity | null, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ identity, iat: now })).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export type IdentityCheck = { ok: true; identity: RecruiterIdentity | null } | { ok: false; reason: 'missing' | 'bad-signature' | 'stale' };

/**
 * Subgraph side: a request is trusted only with a fresh, correctly signed header. A null
 * identity is a signed anonymous request (link-token operations).
 */
export function verifyIdentity(secret: string, header: string | undefined, now = Date.now()): IdentityCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const [body, signature, extra] = header.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'bad-signature' };
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let decoded: { identity: RecruiterIdentity | null; iat: number };
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }
  if (typeof decoded.iat !== 'number' || now - decoded.iat > IDENTITY_MAX_AGE_MS || decoded.iat - now > 5_000) {
    return { ok: false, reason: 'stale' };
  }
  return { ok: true, identity: decoded.identity ?? null };
}
