import { createHmac, randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

// Mirrors the WebhookEvent enum of the public contract (shared/schema.graphql).
export const WEBHOOK_EVENTS = [
  'FIT_FEEDBACK_REQUESTED',
  'FORM_SUBMITTED',
  'FORM_DECLINED',
  'FORM_FAILED',
  'ANSWER_AWAITING_REVIEW',
  'ANSWER_RELEASED',
  'ANSWER_WITHHELD',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The body's `type`: full-stop delimited, as the Standard Webhooks specification recommends. */
export const WEBHOOK_TYPES: { readonly [E in WebhookEvent]: string } = {
  FIT_FEEDBACK_REQUESTED: 'fit_feedback.requested',
  FORM_SUBMITTED: 'form.submitted',
  FORM_DECLINED: 'form.declined',
  FORM_FAILED: 'form.failed',
  ANSWER_AWAITING_REVIEW: 'answer.awaiting_review',
  ANSWER_RELEASED: 'answer.released',
  ANSWER_WITHHELD: 'answer.withheld',
};

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly unknown[]).includes(value);
}

/** A Standard Webhooks secret: `whsec_` and base64 of 32 random bytes (the signing key). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The Standard Webhooks headers for one attempt; `timestamp` in seconds. */
export function webhookHeaders(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}

/**
 * Addresses a webhook may not reach unless private URLs are allowed: loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, multicast, reserved and documentation ranges,
 * and their IPv6 counterparts.
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    // IPv4-mapped (::ffff:10.0.0.1 or ::ffff:a00:1): judged as the IPv4 address it is
    const mapped = /^::ffff:(.+)$/i.exec(address)?.[1];
    if (mapped) return isIP(mapped) === 4 ? isPublicAddress(mapped) : isPublicAddress(hexToIpv4(mapped));
    return !NON_PUBLIC.check(address, 'ipv6');
  }
  return !NON_PUBLIC.check(address, 'ipv4');
}

function hexToIpv4(mapped: string): string {
  const [high = '', low = ''] = mapped.split(':');
  const value = ((parseInt(high, 16) || 0) << 16) | (parseInt(low, 16) || 0);
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export interface WebhookUrlRules {
  /** Lifts the address rule: loopback and private networks may be reached. */
  allowPrivate: boolean;
  requireHttps: boolean;
}

/** Why a URL may not be a webhook endpoint (its shape only), or null. */
export function webhookUrlProblem(raw: string, rules: WebhookUrlRules): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (rules.requireHttps && url.protocol !== 'https:') return 'must use https';
  if (url.username || url.password) return 'must not carry credentials';
  if (raw.length > 2_000) return 'must be at most 2000 characters';
  return null;
}

export type AddressLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

/**
 * Resolves the URL's host once and returns the address to connect to: every address the name
 * resolves to must be public (unless allowed), and the caller connects to the one returned, so a
 * name that resolves differently a moment later (DNS rebinding) cannot redirect the request.
 */
export async function resolveWebhookAddress(
  raw: string,
  rules: WebhookUrlRules,
  lookup: AddressLookup,
): Promise<{ address: string; family: 4 | 6 }> {
  const problem = webhookUrlProblem(raw, rules);
  if (problem) throw new WebhookAddressError(`url ${problem}`);
  const hostname = new URL(raw).hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(hostname) ? [{ address: hostname, family: isIP(hostname) }] : await lookup(hostname);
  if (addresses.length === 0) throw new WebhookAddressError('url host does not resolve');
  if (!rules.allowPrivate && addresses.some(({ address }) => !isPublicAddress(address))) {
    throw new WebhookAddressError('url must resolve to public addresses only');
  }
  const [first] = addresses;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

export class WebhookAddressError extends Error {
  override name = 'WebhookAddressError';
}
