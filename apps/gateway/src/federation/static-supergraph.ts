import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The supergraph composed at build time (`npm run schema:generate`, checked by CI), beside the
 * sources and, once built, beside the compiled app: the gateway serves its full schema from the
 * first request, whatever order the apps start in.
 */
export function staticSupergraph(): string {
  return readFileSync(join(__dirname, '..', '..', 'supergraph.graphql'), 'utf8');
}
