package uk.childvoice.intake.service;

/**
 * A token bucket on a caller-supplied nanosecond clock. Written here rather than taken from a
 * library because it is a dozen lines and the keyed, cookie-free use below needs nothing more.
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;
    private volatile long lastUsed;

    TokenBucket(double capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.last = now;
        this.lastUsed = now;
    }

    /** Takes one token; returns 0 when allowed, else the nanoseconds until one is available. */
    synchronized long take(long now) {
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        lastUsed = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    long lastUsed() {
        return lastUsed;
    }
}
