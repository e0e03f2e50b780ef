package io.riskbase.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.http.HttpResponse;

/** A response with assertion helpers that print the request and body when they fail. */
public record ApiResponse(String request, HttpResponse<String> raw) {

    public int status() {
        return raw.statusCode();
    }

    public String body() {
        return raw.body();
    }

    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    public JsonObject json() {
        return (JsonObject) parse();
    }

    public JsonArray array() {
        return (JsonArray) parse();
    }

    private JsonStructure parse() {
        try (JsonReader reader = Json.createReader(new StringReader(body()))) {
            return reader.read();
        }
    }

    public ApiResponse expect(int status) {
        assertEquals(status, status(), () -> request + " -> " + status() + " " + body());
        return this;
    }

    /** Asserts an RFC 9457 problem with the given status whose detail mentions {@code detailPart}. */
    public ApiResponse expectProblem(int status, String detailPart) {
        expect(status);
        String type = header("Content-Type");
        assertTrue(
                type != null && type.startsWith("application/problem+json"),
                () -> request + " content type " + type + ": " + body());
        JsonObject problem = json();
        assertEquals(status, problem.getInt("status"), body());
        if (detailPart != null) {
            assertTrue(
                    problem.getString("detail", "").toLowerCase().contains(detailPart.toLowerCase()),
                    () -> request + ": detail should mention '" + detailPart + "': " + body());
        }
        return this;
    }
}
