package io.riskbase.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The well-formedness and storable-text pass every JSON body gets before JSON-B binds it (writes only). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonCheckBench {

    private final byte[] body = ("{\"title\":\"Regulatory change in API gateway\",\"description\":\"A regulatory change"
                    + " affecting the API gateway could lead to reporting errors.\",\"category\":\"security\","
                    + "\"severity\":\"MEDIUM\",\"likelihood\":2,\"impact\":4,\"tags\":[\"q3-review\",\"cloud\"],"
                    + "\"due_date\":\"2027-01-26\"}")
            .getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public byte[] wellFormedCheckOfARiskBody() {
        WellFormedJsonInterceptor.requireWellFormed(body);
        return body;
    }
}
