import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this: the gateway tells keys from JWTs by it (a JWT starts with `eyJ`). */
export const API_KEY_PREFIX = 'closer_sk_';
/** How much of the key the dashboard shows to recognise it: the prefix and 6 random characters. */
const SHOWN_CHARACTERS = API_KEY_PREFIX.length + 6;
const KEY_SHAPE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{43}$`);

export interface NewApiKey {
  /** The whole key, shown once. */
  secret: string;
  /** Its first characters, kept to recognise it. */
  prefix: string;
  /** What is stored: SHA-256 of the key (256 random bits need no slow hash). */
  hash: Buffer;
}

export function generateApiKey(): NewApiKey {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, SHOWN_CHARACTERS), hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Whether a bearer credential is meant as an API key (it may still be unknown or revoked). */
export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}

/** Whether a credential has the exact shape of a key this code generates. */
export function isWellFormedApiKey(credential: string): boolean {
  return KEY_SHAPE.test(credential);
}

/**
 * The gateway asks the candidate service who a key is at this path, signed like a subgraph
 * request but for this audience, so such a request is worth nothing as a GraphQL request.
 */
export const API_KEY_LOOKUP_PATH = '/internal/api-keys/identify';
export const API_KEY_LOOKUP_AUDIENCE = 'candidate-service/api-key-lookup';
