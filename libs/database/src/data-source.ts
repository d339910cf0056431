// Entry point for the TypeORM CLI (db:migrate, db:migration:generate). Relative imports only:
// the CLI does not resolve path aliases.
import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { loadDatabaseConfig } from '../../config/src/closer-config';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(loadDatabaseConfig().url, { applicationName: 'closer-cli', poolSize: 2 }));
