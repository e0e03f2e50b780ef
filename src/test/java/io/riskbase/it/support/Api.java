package io.riskbase.it.support;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for the REST API: real requests over loopback, JSON in and out. */
public final class Api {

    static final Jsonb JSONB = JsonbBuilder.create();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers;
    private final boolean waitsOutRateLimits;

    public Api(String baseUrl) {
        this(baseUrl, null, Map.of(), false);
    }

    private Api(String baseUrl, String token, Map<String, String> headers, boolean waitsOutRateLimits) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.headers = headers;
        this.waitsOutRateLimits = waitsOutRateLimits;
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    public Api as(String bearerToken) {
        return new Api(baseUrl, bearerToken, headers, waitsOutRateLimits);
    }

    public Api withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Api(baseUrl, token, copy, waitsOutRateLimits);
    }

    /**
     * The same client, waiting out every 429 ({@link #sendWaitingOutRateLimits}): for tests of something else whose
     * many writes would drain the caller's bucket when the whole suite shares the node.
     */
    public Api waitingOutRateLimits() {
        return new Api(baseUrl, token, headers, true);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, json(body), "application/json");
    }

    public ApiResponse put(String path, Object body) {
        return send("PUT", path, json(body), "application/json");
    }

    public ApiResponse patch(String path, Object body) {
        return send("PATCH", path, json(body), "application/json");
    }

    /** Sends a raw body with the given content type (null: none), for malformed-input tests. */
    public ApiResponse send(String method, String path, String body, String contentType) {
        return waitsOutRateLimits
                ? sendWaitingOutRateLimits(method, path, body, contentType)
                : sendOnce(method, path, body, contentType);
    }

    private ApiResponse sendOnce(String method, String path, String body, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(method + " " + path, response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@link #send}, but a 429 is waited out (its Retry-After) and the request sent again, up to five times: for tests
     * whose hundreds of requests would otherwise drain the caller's rate-limit bucket and read a 429 as their answer.
     */
    public ApiResponse sendWaitingOutRateLimits(String method, String path, String body, String contentType) {
        for (int attempt = 0; ; attempt++) {
            ApiResponse response = sendOnce(method, path, body, contentType);
            if (response.status() != 429 || attempt == 5) {
                return response;
            }
            String retryAfter = response.header("Retry-After");
            try {
                Thread.sleep(1000L * (retryAfter == null ? 1 : Math.max(1, Long.parseLong(retryAfter))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** A binary answer (an XLSX export), or a binary body (an XLSX upload) when {@code body} is not null. */
    public HttpResponse<byte[]> sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        if (body == null) {
            return null;
        }
        return body instanceof String s ? s : JSONB.toJson(body);
    }
}
