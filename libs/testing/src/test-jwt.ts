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
  options: { expiresIn?: string | number; alg?: string } = {},
): Promise<string> {
  const { sub = 'recruiter-1', ...rest } = claims;
  return new SignJWT({ org: 'acme', email: 'recruiter@acme.test', name: 'Rae Recruiter', role: 'recruiter', ...rest })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(secret));
}
