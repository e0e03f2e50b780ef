package io.riskbase.control;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.risk.RiskCsv;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The body of a framework import: the Content-Type chooses the JSON document or the CSV table. */
final class FrameworkImportBody {

    private FrameworkImportBody() {}

    static FrameworkDocument read(String contentType, InputStream body, FrameworkCsv.Header csvHeader) {
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (body == null) {
            throw ApiException.badRequest("The body must be a framework document (JSON or CSV)");
        }
        try (Reader reader = utf8(body)) {
            if (type.equals("application/json")) {
                return json(reader);
            }
            if (type.equals(FrameworkCsv.MEDIA_TYPE) || type.equals("text/plain")) {
                return FrameworkCsv.parse(csvHeader, RiskCsv.withoutBom(reader));
            }
        } catch (CharacterCodingException e) {
            throw notUtf8();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw notUtf8();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new ApiException(415, "The body must be application/json or text/csv");
    }

    private static ApiException notUtf8() {
        return ApiException.badRequest("The body is not valid UTF-8");
    }

    private static FrameworkDocument json(Reader reader) {
        try (JsonReader json = Json.createReader(reader)) {
            return FrameworkDocument.parse(json.readValue());
        } catch (JsonException | IllegalStateException e) {
            throw ApiException.badRequest("The request body is not valid JSON for this endpoint: " + e.getMessage());
        }
    }

    private static Reader utf8(InputStream in) {
        // malformed UTF-8 is an error, not a silent replacement character in a stored title
        return new BufferedReader(new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }
}
