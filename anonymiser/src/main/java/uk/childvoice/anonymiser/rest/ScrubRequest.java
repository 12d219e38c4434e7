package uk.childvoice.anonymiser.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/scrub}: one free-text answer. */
public record ScrubRequest(@NotNull @Size(max = 20_000) String text) {
}
