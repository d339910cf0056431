export { CloserConfig, ConfigError, loadConfig, loadConfigOrExit, loadDatabaseConfig } from './closer-config';
export { ConfigModule } from './config.module';
export type { TrustProxy } from './config.schema';
export { DEV_SECRETS, envSchema, SECRET_VARIABLES } from './config.schema';
export { SECRET_VALUES_IN_REPOSITORY } from './production-rules';
export { hashTag } from './scale-out-rules';
