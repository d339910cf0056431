import { Client } from 'pg';

import { withDatabase } from './local-services';

export default async function globalTeardown(): Promise<void> {
  const template = globalThis.__closerTemplate;
  if (template) {
    const admin = new Client({ connectionString: withDatabase(template.serverUrl, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${template.database} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  for (const service of globalThis.__closerServices ?? []) await service.stop();
}
