package uk.childvoice.geography.repository;

import java.time.Instant;
import java.util.List;

/**
 * What an index was built from: the directory edition (e.g. {@code NSPL-2021-11}), its column layout,
 * the deprivation editions joined to it, when it was built, and the parser's own counts.
 */
public record IndexMetadata(String directoryEdition, String layout, List<String> imdEditions, Instant builtAt,
                            int rowsRead, int rowsSkipped, int duplicates) {
    public IndexMetadata {
        imdEditions = List.copyOf(imdEditions);
    }
}
