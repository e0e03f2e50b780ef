package io.riskbase.platform.cache;

/** Where the cache reports what it does; published as MicroProfile Metrics by {@link CacheMetrics}. */
public interface CacheStatistics {

    void hit(String namespace, String tier);

    void miss(String namespace);

    void load(String namespace, long nanos);

    void eviction(String namespace, String tier);

    void invalidationSent();

    void invalidationReceived(long lagNanos);

    void sharedTierError();

    CacheStatistics NONE = new CacheStatistics() {
        @Override
        public void hit(String namespace, String tier) {}

        @Override
        public void miss(String namespace) {}

        @Override
        public void load(String namespace, long nanos) {}

        @Override
        public void eviction(String namespace, String tier) {}

        @Override
        public void invalidationSent() {}

        @Override
        public void invalidationReceived(long lagNanos) {}

        @Override
        public void sharedTierError() {}
    };
}
