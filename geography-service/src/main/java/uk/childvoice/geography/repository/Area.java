package uk.childvoice.geography.repository;

import java.util.Objects;

/**
 * One area that postcodes point to: everything a lookup returns except the postcode's own status.
 * Shared by every postcode of the same LSOA (about 40 k areas for 2.7 M postcodes), which is what keeps
 * the index small. {@code imdDecile} is 0 when there is none. Immutable.
 */
public record Area(Kind kind, String lsoa, String lsoaEdition, String lad, String ladName, String region,
                   String country, int imdDecile, String imdEdition) {

    /** What the directory says about where the postcode is. */
    public enum Kind {
        /** An English postcode with an LSOA. */
        ENGLAND,
        /** Wales, Scotland, Northern Ireland, Channel Islands, Isle of Man. */
        NOT_ENGLAND,
        /** No grid reference or no LSOA: the directory cannot place it. */
        NO_GEOGRAPHY
    }

    public static final Area NO_GEOGRAPHY = new Area(Kind.NO_GEOGRAPHY, null, null, null, null, null, null, 0, null);

    public Area {
        Objects.requireNonNull(kind, "kind");
        if (imdDecile < 0 || imdDecile > 10) {
            throw new IllegalArgumentException("IMD decile out of range: " + imdDecile);
        }
    }
}
