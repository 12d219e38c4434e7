package uk.childvoice.anonymiser.rest;

import java.util.List;

/** Answer of {@code POST /api/v1/scrub}: the scrubbed text, what was removed where, and the safeguarding verdict. */
public record ScrubResponse(String scrubbed, List<Entity> entities, Safeguarding safeguarding) {

    /** One removed identifier: offsets into the submitted text and its type. */
    public record Entity(int start, int end, String type) {
    }

    /** Whether the text would raise a safeguarding flag, and its categories. */
    public record Safeguarding(boolean flag, List<String> categories) {
    }
}
