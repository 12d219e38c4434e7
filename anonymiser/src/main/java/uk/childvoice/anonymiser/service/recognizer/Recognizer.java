package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;

import uk.childvoice.anonymiser.service.DetectedEntity;

/** One layer of the scrubber: finds identifiers of one or a few types. Implementations are stateless and thread-safe. */
public interface Recognizer {
    void recognize(TextView view, List<DetectedEntity> out);
}
