package uk.childvoice.contracts;

import java.util.Set;

/** Question ids that the pipeline treats specially; every other question is carried generically. */
public final class QuestionIds {
    public static final String AGE = "age";
    public static final String GENDER = "gender";
    public static final String ETHNICITY = "ethnicity";
    public static final String LIVING_SITUATION = "livingSituation";
    public static final String SUPPORT_RECEIVED = "supportReceived";
    public static final String LOCAL_COUNCIL = "localCouncil";
    public static final String POSTCODE = "postcode";
    public static final String SCHOOL = "school";

    /** Living-situation codes that mean a secure setting: postcode and school are never asked. */
    public static final Set<String> SECURE_SETTINGS = Set.of(
            "secure_childrens_home", "young_offender_institution", "secure_training_centre", "inpatient_mental_health");

    private QuestionIds() {
    }
}
