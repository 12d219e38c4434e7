package uk.childvoice.reporting.service;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A record-level dimension of the tables: each stored record has exactly one value of each. The broad
 * ones are also carried by the choice cube, so they can be crossed with any closed question.
 */
public enum Dimension {
    QUESTIONNAIRE("questionnaire", "Questionnaire", true),
    AGE("age", "Age", false),
    AGE_BAND("ageBand", "Age band", true),
    GENDER("gender", "Gender", true),
    ETHNICITY("ethnicity", "Ethnicity (detailed)", false),
    ETHNICITY_BROAD("ethnicityBroad", "Ethnicity (broad group)", true),
    LIVING_SITUATION("livingSituation", "Living situation", false),
    REGION("region", "Region", true),
    LOCAL_AUTHORITY("localAuthority", "Local authority", false),
    IMD_DECILE("imdDecile", "IMD decile (1 = most deprived)", true);

    /** Prefix of a closed-question dimension in requests: {@code question.<questionId>}. */
    public static final String QUESTION_PREFIX = "question.";

    /** The broad dimensions in the order the choice cube stores them (after question and option). */
    public static final List<Dimension> BROAD = Arrays.stream(values()).filter(d -> d.broad).toList();

    private final String apiName;
    private final String label;
    private final boolean broad;

    Dimension(String apiName, String label, boolean broad) {
        this.apiName = apiName;
        this.label = label;
        this.broad = broad;
    }

    public String apiName() {
        return apiName;
    }

    public String label() {
        return label;
    }

    public boolean broad() {
        return broad;
    }

    /** Position among the broad dimensions, or -1. */
    public int broadIndex() {
        return BROAD.indexOf(this);
    }

    public static Optional<Dimension> byApiName(String name) {
        return Arrays.stream(values()).filter(d -> d.apiName.equals(name)).findFirst();
    }
}
