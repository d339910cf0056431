import { loadConfig } from '@closer/config';
import { dataSourceOptions } from '@closer/database';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { execute, parse } from 'graphql';
import { DataSource } from 'typeorm';

import { CandidateServiceModule } from '../../apps/candidate-service/src/candidate-service.module';

/**
 * The candidate service's SDL exactly as the gateway composes it (`_service { sdl }`), from the
 * app's own module. Its DataSource is built but never connected: no database is needed.
 */
export async function candidateServiceSdl(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test' });
  const moduleRef = await Test.createTestingModule({ imports: [CandidateServiceModule.forRoot(config)] })
    .overrideProvider(DataSource)
    .useValue(new DataSource(dataSourceOptions(config.database.url)))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  try {
    await app.init();
    const { schema } = app.get(GraphQLSchemaHost);
    const result = await execute({ schema, document: parse('{ _service { sdl } }') });
    const sdl = (result.data as { _service?: { sdl?: string } } | null | undefined)?._service?.sdl;
    if (!sdl) throw new Error(`the candidate service returned no SDL: ${JSON.stringify(result.errors)}`);
    return sdl;
  } finally {
    await app.close();
  }
}
