import { isIP } from 'node:net';

import type { TrustProxy } from '@closer/config';
import type { Request } from 'express';

/**
 * Express's `trust proxy` value for TRUST_PROXY (proxy-addr underneath): a hop count, or the
 * trusted proxies' addresses and CIDRs. Unset, X-Forwarded-For is ignored entirely.
 */
export function trustProxySetting(trust: TrustProxy | undefined): number | string[] | false {
  if (!trust) return false;
  return 'hops' in trust ? trust.hops : trust.cidrs;
}

/**
 * The client's address: the socket's, or — behind trusted proxies — the one Express's `trust
 * proxy` picks from X-Forwarded-For. Walking from the socket towards the client, an entry that
 * is not an IP address (empty ones included) ends the walk and the last address before it is
 * the client: a proxy that hands over junk is answerable for it, so junk never becomes a client
 * of its own.
 */
export function clientAddress(req: Request): string {
  // the addresses Express's `trust proxy` accepts, nearest first, the client last; [] when no proxy is trusted
  const accepted = req.ips.reverse();
  // proxy-addr drops empty entries, which would move a client-written entry into a proxy's place:
  // compare with the header as sent, where they still are
  const sent = headerEntries(req.headers['x-forwarded-for']).reverse();
  let client = req.socket.remoteAddress ?? 'unknown';
  for (let i = 0; i < accepted.length && sent[i] === accepted[i] && isIP(accepted[i]) !== 0; i++) client = accepted[i]!;
  return client;
}

function headerEntries(header: string | string[] | undefined): string[] {
  return [header ?? '']
    .flat()
    .join(',')
    .split(',')
    .map((entry) => entry.replace(/^ +| +$/g, ''));
}

/**
 * What the rate limits count: an IPv4 address as it is (IPv4-mapped IPv6 included), an IPv6
 * address by its /64 — one subscriber's usual allocation, so rotating through it buys nothing.
 */
export function rateLimitSubject(address: string): string {
  const family = isIP(address);
  if (family !== 6) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  const [withoutZone] = address.split('%');
  let text = withoutZone;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  if (tail === undefined) return left;
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
