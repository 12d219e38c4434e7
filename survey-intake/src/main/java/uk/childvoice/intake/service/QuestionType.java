package uk.childvoice.intake.service;

/** The kinds of question a questionnaire definition may hold; each has its own validation rule. */
public enum QuestionType {
    SINGLE_CHOICE, MULTIPLE_CHOICE, FREE_TEXT, AGE, POSTCODE, SCHOOL, LOCAL_COUNCIL, ETHNICITY;

    /** Answered with option codes, carried as a {@code ChoiceAnswer} on the event. */
    public boolean isChoice() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE || this == LOCAL_COUNCIL || this == ETHNICITY;
    }
}
