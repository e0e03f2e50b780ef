package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisBudget;
import java.util.OptionalLong;

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
        return budget.charged(() -> tier.get(key));
    }

    @Override
    public void put(String key, byte[] value, long ttlMillis) {
        budget.charged(() -> {
            tier.put(key, value, ttlMillis);
            return null;
        });
    }

    @Override
    public boolean delete(String key) {
        return budget.charged(() -> tier.delete(key));
    }

    /** Holds no thread and spends none of a request's time: not charged. */
    @Override
    public void deleteWithoutWaiting(String key) {
        tier.deleteWithoutWaiting(key);
    }

    @Override
    public OptionalLong generation(String id) {
        return budget.charged(() -> tier.generation(id));
    }

    @Override
    public OptionalLong incrementGeneration(String id) {
        return budget.charged(() -> tier.incrementGeneration(id));
    }

    @Override
    public OptionalLong raiseGeneration(String id, long atLeast) {
        return budget.charged(() -> tier.raiseGeneration(id, atLeast));
    }
}
