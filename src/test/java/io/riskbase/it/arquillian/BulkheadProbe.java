package io.riskbase.it.arquillian;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * A test-only service method behind a one-call bulkhead, the way an expensive endpoint's service uses it: the first
 * call holds the only slot until released, a second call is refused at once.
 */
@ApplicationScoped
public class BulkheadProbe {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Bulkhead(1)
    public String expensive() throws InterruptedException {
        entered.countDown();
        release.await(30, TimeUnit.SECONDS);
        return "done";
    }

    public boolean awaitEntered() throws InterruptedException {
        return entered.await(30, TimeUnit.SECONDS);
    }

    public void release() {
        release.countDown();
    }
}
