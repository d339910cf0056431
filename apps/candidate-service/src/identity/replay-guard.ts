import { preparedQuery } from '@closer/database';
import { IDENTITY_MAX_AGE_MS } from '@closer/domain';
import { DataSource } from 'typeorm';

/**
 * How long a nonce is remembered after its request was signed: the acceptance window plus a
 * minute, so replicas whose clocks disagree by less than that still see it.
 */
export const NONCE_RETENTION_MS = IDENTITY_MAX_AGE_MS + 60_000;
const SWEEP_EVERY_MS = 30_000;

const CLAIM = {
  name: 'signed_request_nonce_claim',
  text: `INSERT INTO signed_request_nonces (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING RETURNING 1 AS claimed`,
};

/**
 * One use per signed request, across every replica: the nonce is written to PostgreSQL, which
 * the subgraph cannot work without anyway (Redis would add a dependency whose outage refused
 * every mutation).
 */
export class ReplayGuard {
  private lastSweep = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** True the first time a nonce is presented; false for a replay. */
  async claim(nonce: string, signedAt: number, now = Date.now()): Promise<boolean> {
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      await this.dataSource.query(`DELETE FROM signed_request_nonces WHERE expires_at < $1`, [new Date(now)]);
    }
    const rows = await preparedQuery(this.dataSource.manager, CLAIM, [nonce, new Date(signedAt + NONCE_RETENTION_MS)]);
    return rows.length === 1;
  }
}
