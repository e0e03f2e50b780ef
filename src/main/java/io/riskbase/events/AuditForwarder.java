package io.riskbase.events;

import io.riskbase.platform.events.ChangeEvents;
import io.riskbase.platform.security.AuditRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Forwards an organization's audit log to its HTTP sinks: each entry becomes an {@value #TYPE} event in the outbox, in
 * the entry's own transaction, and the webhooks that name that type deliver it (signed, in order, at least once,
 * retried with backoff). Only while some webhook of the organization asks for it: other organizations' writes add no
 * outbox row. The audit chain's lock is taken before the outbox's, the order every writer follows.
 */
@ApplicationScoped
public class AuditForwarder {

    public static final String TYPE = "audit.recorded";

    @Inject
    WebhookService webhooks;

    @Inject
    ChangeEvents changeEvents;

    @Transactional(Transactional.TxType.MANDATORY)
    void forward(@Observes AuditRecorded recorded) {
        if (!webhooks.forwardsAudit(recorded.orgId()).on()) {
            return;
        }
        for (AuditRecorded.Entry entry : recorded.entries()) {
            changeEvents.publish(
                    recorded.orgId(),
                    TYPE,
                    "audit_entry",
                    entry.seq(),
                    entry.json().get());
        }
    }
}
