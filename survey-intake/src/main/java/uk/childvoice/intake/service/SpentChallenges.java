package uk.childvoice.intake.service;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proof-of-work challenges already used on this replica, in bounded memory: at most
 * {@code capacity} entries of at most 32 bytes each (1,000,000 → at most 32 MB), forgotten once their
 * challenge has expired.
 *
 * <p>An entry is the first 64 bits of the challenge (a SHA-256 value the server made and signed, so
 * uniformly random and not chosen by the client): a false "already used" needs a 64-bit collision, about
 * one in 10<sup>13</sup> per request with a million entries. Entries live in one primitive hash set per
 * minute of expiry, so forgetting a minute drops one table. Written here rather than taken from a
 * library because a boxed {@code Map<String, Long>} costs about 200 bytes per entry, which at thousands
 * of responses a second over a ten-minute lifetime does not fit a 256 MB heap, and the platform has no
 * primitive-collections library.
 */
public final class SpentChallenges {
    /** What {@link #spend} found. */
    public enum Outcome {
        /** First use: now spent. */
        SPENT,
        /** Used before. */
        ALREADY_SPENT,
        /** The store is at its bound: refused without remembering it. */
        FULL
    }

    private final int capacity;
    private final TreeMap<Long, LongSet> byExpiryMinute = new TreeMap<>();
    private int size;

    public SpentChallenges(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Marks a challenge with this fingerprint and expiry (epoch second) as used. */
    public synchronized Outcome spend(long fingerprint, long expiresEpochSecond) {
        long minute = Math.floorDiv(expiresEpochSecond, 60);
        LongSet set = byExpiryMinute.get(minute);
        if (set != null && set.contains(fingerprint)) {
            return Outcome.ALREADY_SPENT;
        }
        if (size >= capacity) {
            return Outcome.FULL;
        }
        if (set == null) {
            set = new LongSet();
            byExpiryMinute.put(minute, set);
        }
        set.add(fingerprint);
        size++;
        return Outcome.SPENT;
    }

    /** Forgets every challenge that expired before this epoch second. */
    public synchronized void forgetExpiredBefore(long nowEpochSecond) {
        // A minute's set holds expiries up to 60 * (minute + 1) - 1: all expired once that is before now.
        for (Iterator<Map.Entry<Long, LongSet>> it = byExpiryMinute.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, LongSet> e = it.next();
            if (60 * (e.getKey() + 1) - 1 >= nowEpochSecond) {
                break;
            }
            size -= e.getValue().size;
            it.remove();
        }
    }

    /** Challenges remembered now. */
    public synchronized int size() {
        return size;
    }

    /** Open addressing over a power-of-two long[] kept at most half full (so 16-32 bytes per entry); 0 marks a free slot. */
    private static final class LongSet {
        private long[] slots = new long[64];
        private int size;

        boolean contains(long value) {
            long v = value == 0 ? 1 : value;
            int mask = slots.length - 1;
            for (int i = mix(v) & mask;; i = (i + 1) & mask) {
                long s = slots[i];
                if (s == v) {
                    return true;
                }
                if (s == 0) {
                    return false;
                }
            }
        }

        void add(long value) {
            if (2 * (size + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                for (long s : old) {
                    if (s != 0) {
                        insert(s);
                    }
                }
            }
            insert(value == 0 ? 1 : value);
            size++;
        }

        private void insert(long v) {
            int mask = slots.length - 1;
            int i = mix(v) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = v;
        }

        private static int mix(long v) {
            return (int) (v ^ (v >>> 32));
        }
    }
}
