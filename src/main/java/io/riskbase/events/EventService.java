package io.riskbase.events;

import io.riskbase.events.EventViews.EventView;
import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The change feed. Not cached: a feed is read to learn what is new, and a reader asking after the newest number must
 * see the next commit at once; the read is one index range scan on {@code (org_id, seq)}.
 */
@ApplicationScoped
public class EventService {

    @Inject
    EventRepository events;

    /** A page of the feed and the cursor to ask with next (the last event's number, or the given one). */
    public record FeedPage(List<EventView> events, long nextAfter, boolean hasMore) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public FeedPage after(long orgId, long after, int limit) {
        // one more than asked tells whether there is more without a count
        List<EventView> page = events.after(orgId, after, limit + 1);
        boolean more = page.size() > limit;
        List<EventView> shown = more ? page.subList(0, limit) : page;
        long next = shown.isEmpty() ? after : shown.get(shown.size() - 1).seq();
        return new FeedPage(List.copyOf(shown), next, more);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EventView get(long orgId, long id) {
        return events.byId(orgId, id).orElseThrow(() -> ApiException.notFound("Event evt_" + id));
    }
}
