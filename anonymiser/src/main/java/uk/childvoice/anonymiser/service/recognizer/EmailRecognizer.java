package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/** Email addresses, including the spelled-out form children use ("sam at gmail dot com"). */
public final class EmailRecognizer implements Recognizer {
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9][a-z0-9._%+'-]*@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}");
    // Tried only where no letter or digit precedes: a match starting after one would also start one
    // earlier, so the matches are the same, and find() no longer tries every letter of every word
    // (" at " is in a great many children's answers).
    private static final Pattern SPELLED = Pattern.compile(
            "(?<![a-z0-9])[a-z0-9][a-z0-9._-]*\\s*(?:\\(at\\)|\\[at\\]|\\bat\\b)\\s*(?:gmail|googlemail|hotmail|yahoo|outlook|icloud|live|btinternet|aol|sky|me|protonmail)"
                    + "\\s*(?:\\.|\\bdot\\b)\\s*(?:com|co\\s*(?:\\.|\\bdot\\b)\\s*uk|net|org)\\b");

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        String lower = view.lower();
        if (lower.indexOf('@') >= 0) {
            Matcher m = EMAIL.matcher(lower);
            while (m.find()) {
                out.add(new DetectedEntity(m.start(), m.end(), EntityType.EMAIL));
            }
        }
        if (lower.contains(" at ") || lower.contains("(at)") || lower.contains("[at]")) {
            Matcher m = SPELLED.matcher(lower);
            while (m.find()) {
                out.add(new DetectedEntity(m.start(), m.end(), EntityType.EMAIL));
            }
        }
    }
}
