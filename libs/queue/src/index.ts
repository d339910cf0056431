export type { JobPayloads, OutboxEvent, OutboxPayloads } from './queue.contract';
export { JOB_QUEUE, JobName, OutboxEventType, outboxMessage, QueueName } from './queue.contract';
export type { RedisClient, RedisMode, RedisRole, RedisSettings } from './redis-connection';
export { bullConnection, createRedis, redisNodes, redisOptions, releaseBullConnection, whenReady } from './redis-connection';
export type { RedisHealth } from './redis-health';
export { redisHealth } from './redis-health';
