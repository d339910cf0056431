export type { JobPayloads, OutboxEvent, OutboxPayloads } from './queue.contract';
export { JOB_QUEUE, JobName, OutboxEventType, outboxMessage, QueueName } from './queue.contract';
export { bullConnection, redisOptions } from './redis-connection';
