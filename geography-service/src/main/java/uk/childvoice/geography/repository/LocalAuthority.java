package uk.childvoice.geography.repository;

/** A local authority district as ONS lists it, with the authority that covers it today. */
public record LocalAuthority(String code, String name, String activeCode, String activeName, String region,
                             String country, boolean current) {
}
