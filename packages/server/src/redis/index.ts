export { redisCache } from './redis-cache.ts'
export type { RedisCache, RedisCacheOptions } from './redis-cache.ts'
