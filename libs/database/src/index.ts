export { DatabaseModule } from './database.module';
export { dataSourceOptions } from './data-source-options';
export * from './entities';
export { OUTBOX_CHANNEL, writeOutbox } from './outbox.writer';
export type { OutboxMessage } from './outbox.writer';
