import { Client } from 'pg';

// jest loads its global setup and teardown without the path aliases: the lib through its index
import { withDatabase } from '../../local-services/src';

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
