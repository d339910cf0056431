export * from './answers/compose-session-answer';
export { dataSourceOptions } from './data-source-options';
export { DatabaseModule } from './database.module';
export * from './entities';
export type { OutboxMessage } from './outbox.writer';
export { OUTBOX_CHANNEL, writeOutbox } from './outbox.writer';
export { type PreparedStatement, preparedQuery } from './prepared-query';
export type { SessionsToComplete } from './sessions/complete-sessions';
export { completeSessions } from './sessions/complete-sessions';
