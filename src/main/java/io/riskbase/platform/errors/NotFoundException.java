package io.riskbase.platform.errors;

/** A 404 that names what was not found: the explicit signal the cache stores as a negative entry. */
public final class NotFoundException extends ApiException {

    private final String what;

    public NotFoundException(String what) {
        super(404, what + " not found");
        this.what = what;
    }

    /** What was looked up, e.g. {@code Risk 42}. */
    public String what() {
        return what;
    }
}
