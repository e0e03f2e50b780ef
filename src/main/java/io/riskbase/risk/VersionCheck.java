package io.riskbase.risk;

import io.riskbase.platform.errors.ApiException;
import java.util.Arrays;

/**
 * The optimistic-lock rules of risk writes. A client names the version it last read either as {@code If-Match:
 * "<version>"} (the ETag of GET) or as {@code version} in the body (DELETE: query parameter). A stale If-Match is 412,
 * a stale version 409. PUT and PATCH must carry one of them (428 otherwise), so a write never silently overwrites a
 * change the client has not seen; DELETE without either deletes whatever is current.
 */
public record VersionCheck(String ifMatch, Integer version) {

    public static final VersionCheck NONE = new VersionCheck(null, null);

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    void verify(int current, boolean required) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String expected = etag(current);
            boolean matches = Arrays.stream(ifMatch.split(","))
                    .map(String::strip)
                    .anyMatch(tag -> tag.equals("*") || tag.equals(expected));
            if (!matches) {
                throw new ApiException(
                        412,
                        "If-Match " + ifMatch.strip() + " does not match the current ETag " + expected
                                + "; reload the risk and retry",
                        java.util.Map.of("ETag", expected));
            }
        }
        if (version != null && version != current) {
            throw ApiException.conflict(
                    "version " + version + " is stale: the risk is at version " + current + "; reload it and retry");
        }
        if (required && (ifMatch == null || ifMatch.isBlank()) && version == null) {
            throw new ApiException(
                    428,
                    "Send If-Match with the risk's ETag or the 'version' you last read, so that a "
                            + "concurrent change is not overwritten");
        }
    }
}
