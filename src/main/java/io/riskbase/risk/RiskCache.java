package io.riskbase.risk;

import io.riskbase.identity.IdentityCache;
import io.riskbase.platform.cache.CacheDeclaration;
import io.riskbase.platform.cache.Namespace;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/** The cache namespaces of risks, and the change every risk write announces. */
@Dependent
public class RiskCache implements CacheDeclaration {

    public static final String RISK = "risk";
    public static final String LIST = "risk-list";
    public static final String SEARCH = "risk-search";
    public static final String MATRIX = "risk-matrix";
    public static final String HISTORY = "risk-history";
    /** The organization's current methodology (and, by version argument, older ones). */
    public static final String METHODOLOGY = "risk-methodology";
    /** One treatment task; the tasks of one risk; tasks across risks ({@code GET /tasks}). */
    public static final String TASK = "risk-task";

    public static final String TASK_LIST = "risk-task-list";
    public static final String TASK_SEARCH = "task-search";
    /** The recorded reviews of one risk. */
    public static final String REVIEWS = "risk-reviews";

    /** The acceptance requests of one risk, and one request. */
    public static final String ACCEPTANCES = "risk-acceptances";

    /** Any risk was created, changed or deleted: every view over many risks is stale, here and in other features. */
    public static final String RISKS_CHANGED = "risks-changed";

    /**
     * The methodology changed: views that show levels from the grid or scores it rescaled are stale (every risk write
     * announces {@link #RISKS_CHANGED} as well, so views over many risks follow both).
     */
    public static final String METHODOLOGY_CHANGED = "methodology-changed";

    /**
     * A link of a risk to something another feature owns (a control, an asset) was added or removed: the risk's history
     * has a new entry; views over links subscribe in their own feature.
     */
    public static final String LINKS_CHANGED = "risk-links-changed";

    /** A treatment task was created, changed or deleted (its risk's own entry is evicted by key). */
    public static final String TASKS_CHANGED = "tasks-changed";

    @Override
    public List<Namespace> namespaces() {
        return List.of(
                Namespace.tenant(RISK).invalidatedBy(IdentityCache.USER_DELETED, METHODOLOGY_CHANGED),
                Namespace.tenant(LIST).invalidatedBy(RISKS_CHANGED, TASKS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(SEARCH).invalidatedBy(RISKS_CHANGED, TASKS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(MATRIX).invalidatedBy(RISKS_CHANGED, METHODOLOGY_CHANGED),
                Namespace.tenant(HISTORY).invalidatedBy(RISKS_CHANGED, LINKS_CHANGED),
                Namespace.tenant(REVIEWS).invalidatedBy(RISKS_CHANGED),
                // every acceptance step is a risk write (it moves the risk's version)
                Namespace.tenant(ACCEPTANCES).invalidatedBy(RISKS_CHANGED),
                Namespace.tenant(METHODOLOGY).invalidatedBy(METHODOLOGY_CHANGED),
                // a risk's deletion deletes its tasks; a user's deletion clears their ownership
                Namespace.tenant(TASK).invalidatedBy(TASKS_CHANGED, RISKS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(TASK_LIST).invalidatedBy(TASKS_CHANGED, RISKS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(TASK_SEARCH).invalidatedBy(TASKS_CHANGED, RISKS_CHANGED, IdentityCache.USER_DELETED));
    }

    @Override
    public List<String> changes() {
        return List.of(RISKS_CHANGED, METHODOLOGY_CHANGED, TASKS_CHANGED, LINKS_CHANGED);
    }
}
