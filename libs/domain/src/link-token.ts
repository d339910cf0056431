import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkPurpose = 'form' | 'portal';

export interface LinkSubject {
  purpose: LinkPurpose;
  /** UUID of the form (purpose 'form') or candidate (purpose 'portal'). */
  id: string;
  /** Bumping the version revokes every link issued for an older one. */
  version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC_BYTES = 32;
const TOKEN_BYTES = 16 + 4 + MAC_BYTES;

function mac(secret: string, subject: LinkSubject): Buffer {
  return createHmac('sha256', secret).update(`closer-link:${subject.purpose}:${subject.id.toLowerCase()}:${subject.version}`).digest();
}

/**
 * A link token is id + version + HMAC-SHA256(LINK_SECRET, purpose:id:version): 256 bits of
 * secret material, nothing stored, and recomputable, so a retried mail carries the same link.
 */
export function createLinkToken(secret: string, subject: LinkSubject): string {
  if (!UUID.test(subject.id)) throw new Error('link subject id must be a UUID');
  if (!Number.isInteger(subject.version) || subject.version < 1 || subject.version > 0xffffffff) {
    throw new Error('link version must be a positive 32-bit integer');
  }
  const version = Buffer.alloc(4);
  version.writeUInt32BE(subject.version);
  return Buffer.concat([Buffer.from(subject.id.replace(/-/g, ''), 'hex'), version, mac(secret, subject)]).toString('base64url');
}

/**
 * Returns the subject when the token is authentic for the purpose, otherwise null. It does not
 * know whether the version is still current: the caller compares it with the stored one.
 * The HMAC is always computed so malformed and forged tokens cost the same.
 */
export function verifyLinkToken(secret: string, purpose: LinkPurpose, token: string): LinkSubject | null {
  const raw =
    typeof token === 'string' && token.length <= 128 && /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url') : Buffer.alloc(0);
  const wellFormed = raw.length === TOKEN_BYTES;
  const bytes = wellFormed ? raw : Buffer.alloc(TOKEN_BYTES);
  const hex = bytes.subarray(0, 16).toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const version = bytes.readUInt32BE(16);
  const expected = mac(secret, { purpose, id, version });
  const authentic = timingSafeEqual(expected, bytes.subarray(20));
  return wellFormed && authentic && version >= 1 ? { purpose, id, version } : null;
}
