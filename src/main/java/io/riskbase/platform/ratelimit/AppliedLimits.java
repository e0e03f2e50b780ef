package io.riskbase.platform.ratelimit;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the rate limiter learnt about this request: the tightest bucket it was checked against, for the response's
 * RateLimit-* headers, and the client address it was keyed by, for checks that code makes later (login).
 */
@RequestScoped
public class AppliedLimits {

    private Decision tightest;
    private String clientAddress;

    void record(Decision decision) {
        tightest = decision.tighter(tightest);
    }

    public Decision tightest() {
        return tightest;
    }

    void clientAddress(String address) {
        clientAddress = address;
    }

    String clientAddress() {
        return clientAddress;
    }
}
