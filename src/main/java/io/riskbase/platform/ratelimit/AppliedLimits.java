package io.riskbase.platform.ratelimit;

import jakarta.enterprise.context.RequestScoped;

/** The tightest bucket this request was checked against, for the response's RateLimit-* headers. */
@RequestScoped
public class AppliedLimits {

    private Decision tightest;

    void record(Decision decision) {
        tightest = decision.tighter(tightest);
    }

    public Decision tightest() {
        return tightest;
    }
}
