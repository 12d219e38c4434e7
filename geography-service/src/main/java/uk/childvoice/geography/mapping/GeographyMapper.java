package uk.childvoice.geography.mapping;

import uk.childvoice.contracts.v1.Geography;
import uk.childvoice.contracts.v1.GeographySource;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.geography.repository.Area;
import uk.childvoice.geography.repository.LocalAuthority;
import uk.childvoice.geography.service.LookupResult;

/** Builds the event's {@link Geography} from a postcode lookup or a local-council answer. */
public final class GeographyMapper {
    private GeographyMapper() {
    }

    /** Everything the lookup found, source POSTCODE (NONE when it found no area). */
    public static Geography fromLookup(LookupResult result) {
        Area a = result.area();
        boolean placed = a.lsoa() != null || a.lad() != null || a.country() != null;
        return Geography.newBuilder()
                .setStatus(result.status())
                .setSource(placed ? GeographySource.POSTCODE : GeographySource.NONE)
                .setLsoa(a.lsoa())
                .setLsoaEdition(a.lsoaEdition())
                .setLad(a.lad())
                .setLadName(a.ladName())
                .setRegion(a.region())
                .setCountry(a.country())
                .setImdDecile(a.imdDecile() == 0 ? null : a.imdDecile())
                .setImdEdition(a.imdEdition())
                .setDataVersion(result.dataVersion())
                .build();
    }

    /** Only a status: nothing known about where the child lives. */
    public static Geography none(GeographyStatus status, String dataVersion) {
        return Geography.newBuilder().setStatus(status).setSource(GeographySource.NONE).setDataVersion(dataVersion).build();
    }

    /**
     * The child's own local-council answer, keeping the postcode's status. With {@code regionOnly}
     * (secure settings) only the region and country are kept: a secure unit's authority can point
     * at a handful of children.
     */
    public static Geography fromCouncil(GeographyStatus status, LocalAuthority council, boolean regionOnly,
                                        String dataVersion) {
        Geography.Builder b = Geography.newBuilder()
                .setStatus(status)
                .setSource(GeographySource.LOCAL_COUNCIL)
                .setRegion(council.region())
                .setCountry(council.country())
                .setDataVersion(dataVersion);
        if (!regionOnly) {
            b.setLad(council.activeCode()).setLadName(council.activeName());
        }
        return b.build();
    }
}
