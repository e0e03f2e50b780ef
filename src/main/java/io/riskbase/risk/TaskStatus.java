package io.riskbase.risk;

import java.util.List;

/** Where a treatment task stands; OPEN and IN_PROGRESS are "open" work. */
public enum TaskStatus {
    OPEN,
    IN_PROGRESS,
    DONE,
    CANCELLED;

    public static final List<TaskStatus> OPEN_WORK = List.of(OPEN, IN_PROGRESS);

    public boolean isOpen() {
        return OPEN_WORK.contains(this);
    }
}
