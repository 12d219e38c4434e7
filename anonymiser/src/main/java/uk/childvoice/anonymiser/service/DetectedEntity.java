package uk.childvoice.anonymiser.service;

/** One identifier found in a text: character offsets [start, end) in the original text and its type. */
public record DetectedEntity(int start, int end, EntityType type) {
    public DetectedEntity {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(DetectedEntity other) {
        return start < other.end && other.start < end;
    }
}
