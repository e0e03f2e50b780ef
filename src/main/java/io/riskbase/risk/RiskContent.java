package io.riskbase.risk;

import java.time.LocalDate;
import java.util.List;

/** The client-settable fields of a risk, already validated; what create, replace and patch all reduce to. */
public record RiskContent(
        String title,
        String description,
        String category,
        Severity severity,
        RiskStatus status,
        int likelihood,
        int impact,
        Long ownerId,
        List<String> tags,
        LocalDate dueDate) {}
