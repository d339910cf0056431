import { SignJWT } from 'jose';

export interface TestClaims {
  sub?: string;
  org?: string;
  email?: string;
  name?: string;
  role?: string;
}

/** A recruiter JWT as an identity provider would issue it (HS256, one hour). */
export function signTestJwt(
  secret: string,
  claims: TestClaims = {},
  options: { expiresIn?: string | number; alg?: string; issuer?: string; audience?: string | string[] } = {},
): Promise<string> {
  const { sub = 'recruiter-1', ...rest } = claims;
  const jwt = new SignJWT({ org: 'acme', email: 'recruiter@acme.test', name: 'Rae Recruiter', role: 'recruiter', ...rest })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h');
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
