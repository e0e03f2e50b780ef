package io.riskbase.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void namesSkipFunctionsKeywordsLabelsDurationsAndNumbers() {
        String expr = """
                histogram_quantile(0.95, sum by (job, le) \
                (rate(riskbase_db_call_seconds_bucket{job="riskbase", le=~"0.5|1"}[5m]))) > 2.5e-1
                  and on (job) sum without (instance) \
                  (rate(http_server_request_duration_seconds_count{code=~"5.."}[$__rate_interval] offset 1h)) > 0
                  or up == 0 unless ignoring (x) group_left (y) foo:bar_ratio / 1e9
                """;
        assertEquals(
                Set.of(
                        "riskbase_db_call_seconds_bucket",
                        "http_server_request_duration_seconds_count",
                        "up",
                        "foo:bar_ratio"),
                PromQl.metricNames(expr));
    }

    @Test
    void selectorsWithoutBracesAndStringsHidingNamesAreHandled() {
        assertEquals(
                Set.of("memory_usedHeap_bytes", "memory_maxHeap_bytes"),
                PromQl.metricNames("memory_usedHeap_bytes/memory_maxHeap_bytes>0.9 and "
                        + "label_replace(memory_usedHeap_bytes, \"x\", \"not_a_metric\", \"y\", \"(.*)\")"));
    }

    @Test
    void familyStripsHistogramAndTimerSuffixes() {
        assertEquals("riskbase_cache_load_seconds", PromQl.family("riskbase_cache_load_seconds_bucket"));
        assertEquals("riskbase_cache_load_seconds", PromQl.family("riskbase_cache_load_seconds_sum"));
        assertEquals("riskbase_cache_hits_total", PromQl.family("riskbase_cache_hits_total"));
    }

    @Test
    void everyAlertAndPanelSelectsAtLeastOneMetric() {
        var exprs = new java.util.LinkedHashMap<>(PromQl.alertExpressions(PromQl.monitoringDir()));
        exprs.putAll(PromQl.dashboardExpressions(PromQl.monitoringDir()));
        assertTrue(exprs.size() > 20, "expressions found: " + exprs.size());
        exprs.forEach((where, expr) ->
                assertTrue(!PromQl.metricNames(expr).isEmpty(), where + " selects no metric: " + expr));
    }
}
