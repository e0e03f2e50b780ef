package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisBudget;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** L2 whose every call counts against the calling request's {@link RedisBudget}. */
final class BudgetedSharedTier implements SharedTier {

    private final SharedTier tier;
    private final RedisBudget budget;

    BudgetedSharedTier(SharedTier tier, RedisBudget budget) {
        this.tier = tier;
        this.budget = budget;
    }

    @Override
    public boolean available() {
        return tier.available();
    }

    @Override
    public byte[] get(String key) {
        return timed(() -> tier.get(key));
    }

    @Override
    public void put(String key, byte[] value, long ttlMillis) {
        long start = budget.now();
        try {
            tier.put(key, value, ttlMillis);
        } finally {
            budget.charge(start);
        }
    }

    @Override
    public boolean delete(String key) {
        return timed(() -> tier.delete(key));
    }

    @Override
    public OptionalLong generation(String id) {
        return timed(() -> tier.generation(id));
    }

    @Override
    public OptionalLong incrementGeneration(String id) {
        return timed(() -> tier.incrementGeneration(id));
    }

    @Override
    public OptionalLong raiseGeneration(String id, long atLeast) {
        return timed(() -> tier.raiseGeneration(id, atLeast));
    }

    private <T> T timed(Supplier<T> call) {
        long start = budget.now();
        try {
            return call.get();
        } finally {
            budget.charge(start);
        }
    }
}
