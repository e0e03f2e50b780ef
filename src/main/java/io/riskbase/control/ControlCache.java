package io.riskbase.control;

import io.riskbase.identity.IdentityCache;
import io.riskbase.platform.cache.CacheDeclaration;
import io.riskbase.platform.cache.Namespace;
import io.riskbase.risk.RiskCache;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/** The cache namespaces of assets, controls, frameworks and their links, and the changes their writes announce. */
@Dependent
public class ControlCache implements CacheDeclaration {

    public static final String ASSET = "asset";
    public static final String ASSET_LIST = "asset-list";
    /** The organization's asset types and criticality scale. */
    public static final String ASSET_SCHEME = "asset-scheme";

    public static final String CONTROL = "control";
    public static final String CONTROL_LIST = "control-list";
    /** The audit trail of one asset; of one control. */
    public static final String ASSET_HISTORY = "asset-history";

    public static final String CONTROL_HISTORY = "control-history";
    /** The audit trail of one framework requirement: its mappings and the changes re-imports made to it. */
    public static final String REQUIREMENT_HISTORY = "requirement-history";
    /** The risks of one asset; the assets of one risk; the controls of one risk (a risk's title is shown). */
    public static final String ASSET_RISKS = "asset-risks";

    public static final String RISK_ASSETS = "risk-assets";
    public static final String RISK_CONTROLS = "risk-controls";
    public static final String FRAMEWORK = "framework";
    public static final String FRAMEWORK_LIST = "framework-list";
    /** A framework's requirements; the requirements a control is mapped to. */
    public static final String REQUIREMENTS = "framework-requirements";
    /** Tenant-wide aggregates over every link: the expensive reads, refreshed ahead. */
    public static final String COVERAGE = "framework-coverage";

    public static final String IMPACT = "control-impact";

    /** An asset was created, changed or deleted (deletion detaches it: {@link #LINKS_CHANGED} too). */
    public static final String ASSETS_CHANGED = "assets-changed";
    /** An ADMIN changed the organization's asset types or criticality scale. */
    public static final String ASSET_SCHEME_CHANGED = "asset-scheme-changed";
    /** A control was created, changed or deleted. */
    public static final String CONTROLS_CHANGED = "controls-changed";
    /** A risk↔asset, risk↔control or control↔requirement link was added or removed. */
    public static final String LINKS_CHANGED = "catalog-links-changed";
    /** A framework was imported or re-imported. */
    public static final String FRAMEWORKS_CHANGED = "frameworks-changed";

    @Override
    public List<Namespace> namespaces() {
        return List.of(
                Namespace.tenant(ASSET).invalidatedBy(IdentityCache.USER_DELETED),
                Namespace.tenant(ASSET_LIST).invalidatedBy(ASSETS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(ASSET_SCHEME).invalidatedBy(ASSET_SCHEME_CHANGED),
                Namespace.tenant(CONTROL).invalidatedBy(IdentityCache.USER_DELETED),
                Namespace.tenant(CONTROL_LIST).invalidatedBy(CONTROLS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(ASSET_HISTORY).invalidatedBy(ASSETS_CHANGED, LINKS_CHANGED),
                Namespace.tenant(CONTROL_HISTORY).invalidatedBy(CONTROLS_CHANGED, LINKS_CHANGED),
                Namespace.tenant(REQUIREMENT_HISTORY)
                        .invalidatedBy(CONTROLS_CHANGED, LINKS_CHANGED, FRAMEWORKS_CHANGED),
                // a risk's deletion takes its links; a risk's title or status is shown with them
                Namespace.tenant(ASSET_RISKS).invalidatedBy(ASSETS_CHANGED, LINKS_CHANGED, RiskCache.RISKS_CHANGED),
                Namespace.tenant(RISK_ASSETS)
                        .invalidatedBy(
                                ASSETS_CHANGED, LINKS_CHANGED, RiskCache.RISKS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(RISK_CONTROLS)
                        .invalidatedBy(
                                CONTROLS_CHANGED, LINKS_CHANGED, RiskCache.RISKS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(FRAMEWORK).invalidatedBy(FRAMEWORKS_CHANGED),
                Namespace.tenant(FRAMEWORK_LIST).invalidatedBy(FRAMEWORKS_CHANGED),
                Namespace.tenant(REQUIREMENTS).invalidatedBy(FRAMEWORKS_CHANGED, LINKS_CHANGED, CONTROLS_CHANGED),
                Namespace.tenant(COVERAGE)
                        .invalidatedBy(FRAMEWORKS_CHANGED, CONTROLS_CHANGED, LINKS_CHANGED, RiskCache.RISKS_CHANGED),
                // the tasks implementing the control are listed with it
                Namespace.tenant(IMPACT)
                        .invalidatedBy(
                                FRAMEWORKS_CHANGED,
                                CONTROLS_CHANGED,
                                LINKS_CHANGED,
                                RiskCache.RISKS_CHANGED,
                                RiskCache.TASKS_CHANGED));
    }

    @Override
    public List<String> changes() {
        return List.of(ASSETS_CHANGED, ASSET_SCHEME_CHANGED, CONTROLS_CHANGED, LINKS_CHANGED, FRAMEWORKS_CHANGED);
    }
}
