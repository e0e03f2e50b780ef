/**
 * The node's single Redisson client, created lazily and shared by the cache and the rate limiter; absent when REDIS_URL
 * is not set.
 */
package io.riskbase.platform.redis;
