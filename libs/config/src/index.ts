export { CloserConfig, ConfigError, loadConfig, loadConfigOrExit } from './closer-config';
export { ConfigModule } from './config.module';
export { envSchema, SECRET_VARIABLES } from './config.schema';
