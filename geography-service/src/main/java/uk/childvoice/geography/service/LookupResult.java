package uk.childvoice.geography.service;

import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.geography.repository.Area;

/** The outcome of looking one postcode up: a status, the area (never null) and the directory edition. */
public record LookupResult(GeographyStatus status, Area area, String dataVersion) {
}
