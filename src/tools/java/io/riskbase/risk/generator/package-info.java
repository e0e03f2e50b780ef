/**
 * The risk data generator, a benchmark tool kept out of the deployed WAR: it lives in the {@code src/tools/java} source
 * set, which the build compiles with the tests (build-helper-maven-plugin adds it as a test source root) into
 * {@code target/test-classes}. {@link io.riskbase.risk.generator.RiskDataGenerator} loads organizations, users and
 * risks drawn by {@link io.riskbase.risk.RiskSampler} in bulk from the command line (PostgreSQL COPY, batched inserts
 * elsewhere); run it with {@code mvn -q exec:java -Dexec.args="..."} (the default main class).
 */
package io.riskbase.risk.generator;
