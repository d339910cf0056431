import { randomBytes } from 'node:crypto';

import { loadConfig } from '@closer/config';

import { LocalMailboxService } from './local-mailbox.service';

describe(LocalMailboxService.name, () => {
  it('never starts in production, whatever asks for it', async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
      LINK_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: 'smtp://127.0.0.1:25',
      AUTH_JWT_ISSUER: 'https://id.acme.example/',
      AUTH_JWT_AUDIENCE: 'closer',
    });
    const sut = new LocalMailboxService(config);
    await expect(sut.start()).rejects.toThrow('SMTP_URL is required in production');
    expect(sut.active).toBe(false);
  });

  it('starts outside production and stops on shutdown', async () => {
    const sut = new LocalMailboxService(loadConfig({ NODE_ENV: 'development' }));
    const url = await sut.start();
    expect(url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(sut.active).toBe(true);
    await sut.onApplicationShutdown();
  });
});
