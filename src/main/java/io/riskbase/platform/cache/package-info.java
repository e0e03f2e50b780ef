/**
 * The two-tier cache: {@link io.riskbase.platform.cache.Cached} and {@link io.riskbase.platform.cache.CacheInvalidate}
 * with their interceptors, over {@link io.riskbase.platform.cache.TieredCache} (plain, unit-tested), Hazelcast JCache
 * L1, Redis L2, generation counters, the invalidation channel, single-flight loads, HTTP ETags, warm-up and the admin
 * view. See docs/caching.md.
 */
package io.riskbase.platform.cache;
