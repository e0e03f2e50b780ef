package io.riskbase.risk;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.QueryParams;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The filters of {@code GET /tasks}: owner ({@code me} or a user id), statuses ({@code open} = OPEN and IN_PROGRESS, or
 * status names), due strictly before a date. Lists are sorted and distinct so equal filters are equal cache keys.
 */
public record TaskFilter(Long ownerId, List<TaskStatus> statuses, LocalDate dueBefore) {

    public TaskFilter {
        statuses = List.copyOf(statuses);
    }

    public static TaskFilter parse(String owner, String status, String dueBefore, long callerId) {
        List<TaskStatus> statuses;
        if (status != null && status.strip().equalsIgnoreCase("open")) {
            statuses = TaskStatus.OPEN_WORK;
        } else {
            statuses = RiskFilter.enums("status", status, TaskStatus.class);
        }
        return new TaskFilter(RiskFilter.owner(owner, callerId), statuses, date("due_before", dueBefore));
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.isBefore(RiskInput.MIN_DUE) || date.isAfter(RiskInput.MAX_DUE.plusDays(1))) {
                throw ApiException.badRequest("Query parameter '" + name + "' must be between " + RiskInput.MIN_DUE
                        + " and " + RiskInput.MAX_DUE.plusDays(1));
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be an ISO date (2026-12-31), was '"
                    + QueryParams.abbreviate(value) + "'");
        }
    }
}
