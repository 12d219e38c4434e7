package uk.childvoice.anonymiser.service;

/** The kinds of identifier the scrubber removes; each is replaced in the text by its tag, e.g. {@code [PERSON]}. */
public enum EntityType {
    PERSON, SCHOOL, ADDRESS, POSTCODE, PHONE, EMAIL, URL, SOCIAL_HANDLE, ID_NUMBER, DATE_OF_BIRTH, PLACE_SMALL;

    private final String tag = "[" + name() + "]";

    /** The replacement written into the scrubbed text. */
    public String tag() {
        return tag;
    }

    /** Contact identifiers: the types held to the highest recall target. */
    public boolean isContact() {
        return switch (this) {
            case PHONE, EMAIL, POSTCODE, ADDRESS, SOCIAL_HANDLE, ID_NUMBER -> true;
            default -> false;
        };
    }
}
