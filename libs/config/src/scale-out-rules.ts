import type { Env } from './config.schema';

type RawEnv = Partial<Record<keyof Env, unknown>>;

const urls = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** A Redis Cluster hash tag: the first `{…}` with something inside decides a key's slot. */
export function hashTag(prefix: string): string | undefined {
  const open = prefix.indexOf('{');
  const close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix.slice(open + 1, close) : undefined;
}

/**
 * What REDIS_MODE demands of the other Redis variables (DESIGN.md, "Beyond one machine"). Names
 * each problem; never includes a value.
 */
export function scaleOutProblems(env: RawEnv): string[] {
  const mode = env.REDIS_MODE ?? 'single';
  const problems: string[] = [];
  const count = urls(env.REDIS_URL ?? 'redis://127.0.0.1:6379').length;
  if (mode === 'single' && count > 1) {
    problems.push(`REDIS_URL: lists ${count} URLs; REDIS_MODE=single takes one (set REDIS_MODE=sentinel or cluster for a list)`);
  }
  if (mode === 'sentinel' && env.REDIS_SENTINEL_MASTER === undefined) {
    problems.push('REDIS_SENTINEL_MASTER: required when REDIS_MODE=sentinel (the master name the sentinels monitor)');
  }
  if (mode !== 'sentinel' && env.REDIS_SENTINEL_MASTER !== undefined) {
    problems.push('REDIS_SENTINEL_MASTER: only used when REDIS_MODE=sentinel');
  }
  if (mode === 'cluster' && hashTag(String(env.QUEUE_PREFIX ?? 'closer')) === undefined) {
    problems.push(
      'QUEUE_PREFIX: REDIS_MODE=cluster needs a hash tag in the prefix, e.g. {closer}: ' +
        'BullMQ runs scripts over several keys of a queue, which a cluster accepts only when they share one slot',
    );
  }
  return problems;
}
