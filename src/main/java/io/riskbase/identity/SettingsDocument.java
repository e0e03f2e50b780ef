package io.riskbase.identity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An organization's settings: the body of GET/PUT {@code /organization/settings}, and what is stored.
 *
 * @param timezone IANA zone the dashboard counts days in
 * @param riskAppetite scores above it are flagged on the dashboard (1–25)
 * @param reviewIntervalDays how often an open risk should be reviewed
 * @param categories the risk categories offered to users
 * @param notificationsEnabled whether installed connectors are notified of changes
 * @param acceptanceApproval whether a write that moves a risk to ACCEPTED becomes an acceptance request that another
 *     user must approve (maker-checker). On for organizations created since it exists; organizations created before
 *     read it as off until an ADMIN turns it on. Optional in a PUT: absent keeps the current value
 */
public record SettingsDocument(
        @NotBlank
        @Size(max = 64)
        @Pattern(
                regexp = "^[A-Za-z]+(?:[/_+-][A-Za-z0-9_+-]+)*$|^UTC$",
                message = "must be an IANA time zone such as Europe/Berlin")
        String timezone,

        @NotNull @Min(1) @Max(25) @JsonbProperty("risk_appetite")
        Integer riskAppetite,

        @NotNull @Min(1) @Max(365) @JsonbProperty("review_interval_days")
        Integer reviewIntervalDays,

        @NotNull @Size(min = 1, max = 30)
        List<
                        @NotNull
                        @Pattern(
                                regexp = "^[a-z0-9][a-z0-9_-]{0,63}$",
                                message = "must be lower-case letters, digits, '_' or '-' (1-64)")
                        String>
                categories,

        @NotNull @JsonbProperty("notifications_enabled") Boolean notificationsEnabled,

        @JsonbProperty("acceptance_approval") Boolean acceptanceApproval) {

    public static final List<String> DEFAULT_CATEGORIES = List.of(
            "security", "compliance", "operational", "financial", "vendor", "privacy", "strategic", "technology");

    public static SettingsDocument defaults() {
        return new SettingsDocument("UTC", 12, 90, DEFAULT_CATEGORIES, Boolean.TRUE, Boolean.TRUE);
    }

    /** Whether moving a risk to ACCEPTED needs another user's approval. */
    public boolean requiresApproval() {
        return Boolean.TRUE.equals(acceptanceApproval);
    }

    SettingsDocument withAcceptanceApproval(boolean on) {
        return new SettingsDocument(timezone, riskAppetite, reviewIntervalDays, categories, notificationsEnabled, on);
    }
}
