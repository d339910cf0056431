export { CloserConfig, ConfigError, loadConfig, loadConfigOrExit } from './closer-config';
export { envSchema, SECRET_VARIABLES } from './config.schema';
export { ConfigModule } from './config.module';
