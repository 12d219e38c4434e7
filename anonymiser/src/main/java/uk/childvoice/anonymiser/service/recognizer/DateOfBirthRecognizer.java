package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * Dates of birth: any date the child says is their birthday or date of birth ("my bday is 3rd may"),
 * and any full numeric date whose year is a plausible birth year of a child answering (2004-2022).
 * Years, school years and other dates ("in 2020", "year 6", "last march") stay.
 */
public final class DateOfBirthRecognizer implements Recognizer {
    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final String DAY = "(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    private static final String DATE = "(?:" + DAY + "(?:\\s+of)?\\s+" + MONTH + "(?:,?\\s+(?:19|20)?\\d{2})?"
            + "|" + MONTH + "\\s+(?:the\\s+)?" + DAY + "(?:,?\\s+(?:19|20)\\d{2})?"
            + "|(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])(?:[/.-](?:19|20)?\\d{2})?)";
    private static final Pattern WITH_CONTEXT = Pattern.compile(
            "\\b(?:born\\s+(?:on\\s+)?(?:the\\s+)?|birthday\\s+(?:is\\s+)?(?:on\\s+)?(?:the\\s+)?|b-?day\\s+(?:is\\s+)?(?:on\\s+)?(?:the\\s+)?"
                    + "|birth\\s*day\\s+(?:is\\s+)?(?:on\\s+)?(?:the\\s+)?|dob\\s*(?:is|:|-)?\\s*|d\\.o\\.b\\.?\\s*(?:is|:)?\\s*"
                    + "|date of birth\\s*(?:is|:|-)?\\s*)(" + DATE + ")(?![a-z0-9])");
    private static final Pattern NUMERIC_FULL = Pattern.compile(
            "(?<![\\d/.-])(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](20(?:0[4-9]|1\\d|2[0-2]))(?![\\d/.-])");

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        String lower = view.lower();
        if (lower.contains("born") || lower.contains("birth") || lower.contains("day") || lower.contains("dob")
                || lower.contains("d.o.b")) {
            Matcher m = WITH_CONTEXT.matcher(lower);
            while (m.find()) {
                out.add(new DetectedEntity(m.start(1), m.end(1), EntityType.DATE_OF_BIRTH));
            }
        }
        if (view.digits() < 4) {
            return;
        }
        Matcher m = NUMERIC_FULL.matcher(lower);
        while (m.find()) {
            out.add(new DetectedEntity(m.start(), m.end(), EntityType.DATE_OF_BIRTH));
        }
    }
}
