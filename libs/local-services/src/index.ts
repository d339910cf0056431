export { type AppName, AppProcess, type AppProcessOptions, type Exit, type HealthReport } from './app-process';
export { type EnsureOptions, type LocalService, redactPassword } from './local-service';
export { freePort, isPortOpen } from './ports';
export { ensureDatabase, ensurePostgres, withDatabase } from './postgres';
export { cpuSecondsOf, isAlive, memoryOf } from './process';
export { ensureRedis } from './redis';
