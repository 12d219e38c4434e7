package uk.childvoice.geography.rest;

import uk.childvoice.geography.repository.Area;
import uk.childvoice.geography.service.LookupResult;

/** API model of {@code GET /api/v1/postcodes/{postcode}}; the postcode itself is not echoed. */
public record PostcodeLookupResponse(String status, String lsoa, String lsoaEdition, String lad, String ladName,
                                     String region, String country, Integer imdDecile, String imdEdition,
                                     String dataVersion) {

    static PostcodeLookupResponse of(LookupResult result) {
        Area a = result.area();
        return new PostcodeLookupResponse(result.status().name(), a.lsoa(), a.lsoaEdition(), a.lad(), a.ladName(),
                a.region(), a.country(), a.imdDecile() == 0 ? null : a.imdDecile(), a.imdEdition(), result.dataVersion());
    }
}
