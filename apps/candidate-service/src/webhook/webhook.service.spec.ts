import { randomBytes } from 'node:crypto';

import { loadConfig } from '@closer/config';

import { DomainError } from '../errors/domain-error';
import type { Viewer } from '../identity/viewer';
import type { WebhookRepository } from './webhook.repository';
import { WebhookService } from './webhook.service';

const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
  INTERNAL_AUTH_SECRET: randomBytes(32).toString('hex'),
  LINK_SECRET: randomBytes(32).toString('hex'),
  SMTP_URL: 'smtp://mail.acme.example:587',
  AUTH_JWT_ISSUER: 'https://id.acme.example/',
  AUTH_JWT_AUDIENCE: 'closer',
};

const admin = { organizationId: 'org-1', user: { id: 'u-1', role: 'admin' } } as unknown as Viewer;

function service(env: Record<string, string>, answers: Record<string, string[]>) {
  const create = jest.fn(async (_org: string, values: { url: string; events: string[] }) => ({
    id: 'e-1',
    url: values.url,
    events: values.events,
    createdAt: new Date(),
    disabledAt: null,
  }));
  const sut = new WebhookService({ create } as unknown as WebhookRepository, loadConfig({ ...PRODUCTION, ...env }));
  sut.lookup = async (hostname: string) => {
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { sut, create };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) =>
      error instanceof DomainError ? `${error.code} ${error.fields?.map((f) => `${f.field}: ${f.message}`).join()}` : error,
  );

describe(WebhookService.name, () => {
  const dns = {
    'hooks.acme.example': ['93.184.215.14'],
    'internal.acme.example': ['10.0.0.7'],
    // one public and one private answer: the private one could be the one connected to
    'split.acme.example': ['93.184.215.14', '192.168.1.10'],
    'v6.acme.example': ['2606:2800:220:1::1'],
    'v6-local.acme.example': ['fe80::1'],
  };

  it('accepts, in production, only https URLs whose names resolve to public addresses', async () => {
    const { sut, create } = service({}, dns);
    expect(await refusal(sut.create(admin, 'https://hooks.acme.example/closer', ['FORM_SUBMITTED']))).toBe('accepted');
    expect(await refusal(sut.create(admin, 'https://v6.acme.example/closer', ['FORM_SUBMITTED']))).toBe('accepted');
    for (const [url, reason] of [
      ['http://hooks.acme.example/closer', 'must use https'],
      ['https://internal.acme.example/closer', 'must resolve to public addresses only'],
      ['https://split.acme.example/closer', 'must resolve to public addresses only'],
      ['https://v6-local.acme.example/closer', 'must resolve to public addresses only'],
      ['https://127.0.0.1/closer', 'must resolve to public addresses only'],
      ['https://[::ffff:7f00:1]/closer', 'must resolve to public addresses only'],
      ['https://100.64.0.1/closer', 'must resolve to public addresses only'],
      ['https://nowhere.acme.example/closer', 'host does not resolve'],
      ['not a url', 'is not a URL'],
    ]) {
      expect({ url, outcome: await refusal(sut.create(admin, url, ['FORM_SUBMITTED'])) }).toEqual({
        url,
        outcome: `BAD_USER_INPUT url: ${reason}`,
      });
    }
    expect(create).toHaveBeenCalledTimes(2);
  });

  it('lets WEBHOOK_ALLOW_PRIVATE_URLS=true reach private networks over http, in production too', async () => {
    const { sut } = service({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }, dns);
    expect(await refusal(sut.create(admin, 'http://internal.acme.example/closer', ['FORM_SUBMITTED']))).toBe('accepted');
    expect(await refusal(sut.create(admin, 'http://127.0.0.1:8080/closer', ['FORM_SUBMITTED']))).toBe('accepted');
  });

  it('refuses a recruiter and an endpoint without events before anything else', async () => {
    const { sut, create } = service({}, dns);
    const recruiter = { ...admin, user: { id: 'u-2', role: 'recruiter' } } as unknown as Viewer;
    expect(await refusal(sut.create(recruiter, 'https://hooks.acme.example/closer', ['FORM_SUBMITTED']))).toBe('FORBIDDEN undefined');
    expect(await refusal(sut.create(admin, 'https://hooks.acme.example/closer', []))).toBe(
      'BAD_USER_INPUT events: must name at least one event',
    );
    expect(create).not.toHaveBeenCalled();
  });
});
