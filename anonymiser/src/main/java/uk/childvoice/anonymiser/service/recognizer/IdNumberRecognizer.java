package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * NHS numbers (mod 11 check digit), unique pupil numbers (DfE check letter) and National Insurance
 * numbers (HMRC prefix rules). A number that fails its check is still taken when the child says what
 * it is ("my nhs number is ...").
 */
public final class IdNumberRecognizer implements Recognizer {
    private static final Pattern NHS = Pattern.compile("(?<![\\d-])(\\d{3})[ -]?(\\d{3})[ -]?(\\d{4})(?![\\d-])");
    private static final Pattern UPN = Pattern.compile("(?<![a-z0-9])[a-z]\\d{11}[a-z0-9](?![a-z0-9])");
    private static final Pattern NINO = Pattern.compile(
            "(?<![a-z0-9])(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\\d{2} ?\\d{2} ?\\d{2} ?[a-d](?![a-z0-9])");
    private static final Pattern CONTEXT = Pattern.compile(
            "\\b(?:nhs|upn|pupil|ni|national insurance|student|candidate|passport|id|reference|ref)\\s*(?:number|no\\.?|num|#)?\\s*(?:is|:|=|-)?\\s*([a-z0-9]*\\d[a-z0-9]*(?:[ -][a-z0-9]*\\d[a-z0-9]*)*)");
    private static final String UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        if (view.digits() < 5) {
            return;
        }
        String lower = view.lower();
        Matcher m = NHS.matcher(lower);
        while (m.find()) {
            if (validNhs(m.group(1) + m.group(2) + m.group(3))) {
                out.add(new DetectedEntity(m.start(), m.end(), EntityType.ID_NUMBER));
            }
        }
        m = UPN.matcher(lower);
        while (m.find()) {
            if (validUpn(m.group().toUpperCase(java.util.Locale.ROOT))) {
                out.add(new DetectedEntity(m.start(), m.end(), EntityType.ID_NUMBER));
            }
        }
        m = NINO.matcher(lower);
        while (m.find()) {
            out.add(new DetectedEntity(m.start(), m.end(), EntityType.ID_NUMBER));
        }
        m = CONTEXT.matcher(lower);
        while (m.find()) {
            String value = m.group(1).trim();
            int digits = 0;
            for (int i = 0; i < value.length(); i++) {
                if (Character.isDigit(value.charAt(i))) {
                    digits++;
                }
            }
            if (digits >= 5) {
                out.add(new DetectedEntity(m.start(1), m.start(1) + value.length(), EntityType.ID_NUMBER));
            }
        }
    }

    /** NHS number: weights 10..2 on the first nine digits, 11 - (sum mod 11) is the tenth (11 means 0; 10 is invalid). */
    static boolean validNhs(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0' && !digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    /**
     * Unique pupil number: the check letter (first character) is the sum of characters 2-13, each
     * multiplied by its position (2..13), mod 23, as a letter of {@code ABCDEFGHJKLMNPQRTUVWXYZ}; a
     * letter in position 13 (temporary UPN) counts as its index in that alphabet.
     */
    static boolean validUpn(String upn) {
        int sum = 0;
        for (int i = 1; i < 13; i++) {
            char c = upn.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : UPN_LETTERS.indexOf(c);
            if (value < 0) {
                return false;
            }
            sum += value * (i + 1);
        }
        return UPN_LETTERS.charAt(sum % 23) == upn.charAt(0);
    }
}
