package io.riskbase.control;

import io.riskbase.risk.TaskControls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Lets a risk's task name the control it implements: the control must be the organization's. */
@ApplicationScoped
public class ControlsForTasks implements TaskControls {

    @Inject
    CatalogRepository catalog;

    @Override
    public boolean lockIfExists(long orgId, long controlId) {
        return catalog.findControl(orgId, controlId, true).isPresent();
    }
}
