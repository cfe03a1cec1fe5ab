export { redisCache } from './redis-cache.ts'
export type { RedisCache, RedisCacheOptions } from './redis-cache.ts'
export { redisEvents } from './redis-events.ts'
export type { RedisEvents, RedisEventsOptions } from './redis-events.ts'
