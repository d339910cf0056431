import { ConfigError, loadConfig } from './closer-config';
import { hashTag } from './scale-out-rules';

const development = { NODE_ENV: 'development' };
const sentinels = 'redis://10.0.0.1:26379,redis://10.0.0.2:26379,redis://10.0.0.3:26379';
const seeds = 'redis://10.0.1.1:7000,redis://10.0.1.2:7000';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('REDIS_MODE and DATABASE_READ_URL', () => {
  it('reads a sentinel setup: the sentinels and the master name', () => {
    const sut = loadConfig({ ...development, REDIS_MODE: 'sentinel', REDIS_URL: sentinels, REDIS_SENTINEL_MASTER: 'closer-main' });
    expect(sut.redis).toEqual({ url: sentinels, mode: 'sentinel', sentinelMaster: 'closer-main', queuePrefix: 'closer' });
  });

  it('reads a cluster whose queue prefix carries a hash tag', () => {
    const sut = loadConfig({ ...development, REDIS_MODE: 'cluster', REDIS_URL: seeds, QUEUE_PREFIX: '{closer}' });
    expect(sut.redis).toEqual({ url: seeds, mode: 'cluster', sentinelMaster: undefined, queuePrefix: '{closer}' });
  });

  it('refuses a cluster without a hash tag in QUEUE_PREFIX, the default one included, and says why', () => {
    for (const prefix of [undefined, 'closer', 'closer{}', '}closer{', 'clo{ser']) {
      const env: Record<string, string> = { ...development, REDIS_MODE: 'cluster', REDIS_URL: seeds };
      if (prefix !== undefined) env.QUEUE_PREFIX = prefix;
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^QUEUE_PREFIX: REDIS_MODE=cluster needs a hash tag in the prefix, e\.g\. \{closer\}/);
    }
  });

  it('refuses a sentinel setup without the master name, and a master name outside sentinel mode', () => {
    expect(problemsOf({ ...development, REDIS_MODE: 'sentinel', REDIS_URL: sentinels })).toEqual([
      'REDIS_SENTINEL_MASTER: required when REDIS_MODE=sentinel (the master name the sentinels monitor)',
    ]);
    expect(problemsOf({ ...development, REDIS_SENTINEL_MASTER: 'closer-main' })).toEqual([
      'REDIS_SENTINEL_MASTER: only used when REDIS_MODE=sentinel',
    ]);
  });

  it('refuses a list of URLs in single mode, an unknown mode, and a list with one bad URL', () => {
    expect(problemsOf({ ...development, REDIS_URL: seeds })).toEqual([
      'REDIS_URL: lists 2 URLs; REDIS_MODE=single takes one (set REDIS_MODE=sentinel or cluster for a list)',
    ]);
    expect(problemsOf({ ...development, REDIS_MODE: 'replicated' })).toEqual(['REDIS_MODE: must be single, sentinel or cluster']);
    expect(problemsOf({ ...development, REDIS_MODE: 'cluster', QUEUE_PREFIX: '{c}', REDIS_URL: `${seeds},http://x:1` })).toEqual([
      'REDIS_URL: must be a URL (redis: or rediss:) or a comma-separated list of them',
    ]);
  });

  it('takes a PostgreSQL URL as DATABASE_READ_URL and names a wrong one without echoing it', () => {
    const readUrl = 'postgres://reader@10.0.2.2:5432/closer';
    expect(loadConfig({ ...development, DATABASE_READ_URL: readUrl }).database).toEqual({
      url: 'postgres://postgres@127.0.0.1:5432/closer',
      readUrl,
    });
    const problems = problemsOf({ ...development, DATABASE_READ_URL: 'mysql://replica/closer' });
    expect(problems).toEqual(['DATABASE_READ_URL: must be a URL (postgres: or postgresql:)']);
  });
});

describe(hashTag.name, () => {
  it('finds the first non-empty {…}, as Redis Cluster does', () => {
    expect(hashTag('{closer}')).toBe('closer');
    expect(hashTag('acme-{closer}:x')).toBe('closer');
    expect(hashTag('{a}{b}')).toBe('a');
    expect(hashTag('{}x{y}')).toBeUndefined();
    expect(hashTag('closer')).toBeUndefined();
  });
});
