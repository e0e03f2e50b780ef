package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChannelProbeTest {

    final ChannelProbe probe = new ChannelProbe(3);

    /** A tick whose probe the subscription delivers (or not). */
    boolean tick(boolean reachable, boolean delivered) {
        ChannelProbe.Tick t = probe.tick(reachable);
        if (t.probe() != null && delivered) {
            assertTrue(probe.received(t.probe()));
        }
        return t.coherent();
    }

    @Test
    void coherentOnceAProbeCameBackThroughTheSubscription() {
        assertFalse(tick(true, true), "nothing heard yet");
        assertTrue(tick(true, true));
        assertTrue(tick(true, true));
    }

    @Test
    void afterAPartitionCommandsAnsweringAreNotEnoughUntilTheSubscriptionDeliversAgain() {
        tick(true, true);
        assertTrue(tick(true, true));
        assertFalse(tick(false, false), "Redis does not answer");
        assertFalse(tick(false, false));
        // the link is back: commands answer, but the subscription is not re-established yet (messages are lost)
        for (int i = 0; i < 10; i++) {
            assertFalse(tick(true, false), "coherent although nothing published now would reach this node");
        }
        assertFalse(tick(true, true), "the probe of this tick is the first to come back");
        assertTrue(tick(true, true));
    }

    @Test
    void aProbeSentBeforeTheLossArrivingLateDoesNotProveTheChannel() {
        tick(true, true);
        assertTrue(tick(true, true));
        ChannelProbe.Tick late = probe.tick(true);
        assertFalse(tick(false, false));
        probe.received(late.probe());
        assertFalse(tick(true, false), "a probe from before the loss proves nothing about now");
    }

    @Test
    void aSubscriptionThatSilentlyStopsDeliveringIsNoticedWithinTheTolerance() {
        tick(true, true);
        assertTrue(tick(true, true));
        assertTrue(tick(true, false));
        assertTrue(tick(true, false));
        assertTrue(tick(true, false));
        assertTrue(tick(true, false), "three probes may still be on their way");
        assertFalse(tick(true, false));
    }

    @Test
    void otherNodesProbesAreRecognisedAndIgnored() {
        ChannelProbe other = new ChannelProbe(3);
        ChannelProbe.Tick t = other.tick(true);
        assertTrue(probe.received(t.probe()));
        assertFalse(probe.received("a\tEVICT\trisk\tk\t0\t1"));
        assertFalse(tick(true, false));
        assertFalse(tick(true, false), "another node's probe is not this node's");
    }
}
