package io.riskbase.events;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends one signed delivery over HTTP with connect and read timeouts; never follows redirects (SSRF). */
@ApplicationScoped
public class WebhookSender {

    /** What an attempt got: a 2xx is delivered; anything else (status or error) is a failure to retry. */
    public record Outcome(boolean delivered, Integer statusCode, String error) {}

    @Inject
    WebhookSettings settings;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Outcome send(String url, String secret, String id, String body) {
        long timestamp = System.currentTimeMillis() / 1000;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Riskbase-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            return new Outcome(ok, status, ok ? null : "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(false, null, "timeout: " + e.getMessage());
        } catch (java.io.IOException e) {
            return new Outcome(false, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted (node stopping)");
        }
    }
}
