package io.riskbase.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a Riskbase server's {@code /health/ready} to answer 200, however the server was started. */
public final class Readiness {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {}

    /** What {@code /health/ready} answers now: "200 {...}", "503 {...}", or the connection error. */
    public static String probe(String baseUrl) {
        try {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static boolean isReady(String answer) {
        return answer.startsWith("200 ");
    }

    /**
     * Waits until the server at {@code baseUrl} is ready; stops waiting at once when {@code alive} says its process is
     * gone. The failure (an IllegalStateException, so callers that clean up after a failed start do) carries
     * {@code diagnostics}, e.g. a log tail.
     */
    public static void await(
            String what, String baseUrl, Duration timeout, BooleanSupplier alive, Supplier<String> diagnostics) {
        try {
            Poll.until(
                    what + " ready",
                    timeout,
                    Duration.ofMillis(250),
                    () -> {
                        if (!alive.getAsBoolean()) {
                            throw new AssertionError(
                                    what + " exited before it was ready, last seen: " + probe(baseUrl));
                        }
                        return probe(baseUrl);
                    },
                    Readiness::isReady);
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage() + "\n" + diagnostics.get(), e);
        }
    }
}
