import './tracing';
import 'reflect-metadata';

import { loadConfigOrExit } from '@closer/config';

import { createCandidateService } from './candidate-service.app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createCandidateService(config);
  await app.listen(config.ports.candidateService, '0.0.0.0');
}

void bootstrap();
