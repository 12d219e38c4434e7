package uk.childvoice.anonymiser.service;

import java.util.List;

/** A scrubbed text and the identifiers that were replaced (offsets into the original text). */
public record ScrubResult(String scrubbed, List<DetectedEntity> entities) {
}
