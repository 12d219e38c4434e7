package uk.childvoice.benchmark.generator;

import java.util.List;
import java.util.Set;

/**
 * One question of a questionnaire definition, as far as the generator needs it: its type, its option
 * codes (inline or from the shared option set), its text limit and when it is not asked.
 *
 * @param notAskedWhenCodes living-situation codes for which the question is skipped (empty: always asked)
 */
public record Question(String id, String type, List<String> codes, int maxLength, String notAskedWhenQuestion,
        Set<String> notAskedWhenCodes) {

    public boolean isChoice() {
        return type.equals("SINGLE_CHOICE") || type.equals("MULTIPLE_CHOICE") || type.equals("LOCAL_COUNCIL")
                || type.equals("ETHNICITY");
    }

    /** True when the question is skipped given the respondent's answer to {@code notAskedWhenQuestion}. */
    public boolean skippedFor(String livingSituationCode) {
        return livingSituationCode != null && notAskedWhenCodes.contains(livingSituationCode);
    }
}
