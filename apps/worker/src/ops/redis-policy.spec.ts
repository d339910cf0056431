import { checkEvictionPolicy, RedisPolicyError } from './redis-policy';

const answering = (reply: unknown) => ({ config: jest.fn(async () => reply) });

describe(checkEvictionPolicy.name, () => {
  it('accepts noeviction', async () => {
    const client = answering(['maxmemory-policy', 'noeviction']);
    await expect(checkEvictionPolicy(client)).resolves.toBe('ok');
    expect(client.config).toHaveBeenCalledWith('GET', 'maxmemory-policy');
  });

  it.each(['allkeys-lru', 'volatile-ttl', 'allkeys-random'])('refuses %s with a clear error', async (policy) => {
    const error = await checkEvictionPolicy(answering(['maxmemory-policy', policy])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisPolicyError);
    expect((error as Error).message).toContain(`maxmemory-policy is "${policy}"`);
    expect((error as Error).message).toContain('noeviction');
  });

  it('reports unknown when CONFIG is disabled, so the caller warns and goes on', async () => {
    const client = { config: jest.fn(async () => Promise.reject(new Error("ERR unknown command 'CONFIG'"))) };
    await expect(checkEvictionPolicy(client)).resolves.toBe('unknown');
  });

  it('reports unknown for an empty answer', async () => {
    await expect(checkEvictionPolicy(answering([]))).resolves.toBe('unknown');
  });
});
