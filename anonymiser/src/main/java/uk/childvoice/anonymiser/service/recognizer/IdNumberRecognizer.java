package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * NHS numbers (mod 11 check digit), unique pupil numbers (DfE check letter), National Insurance
 * numbers (HMRC prefix rules), payment cards (Luhn), IBANs (mod 97), US SSNs and IPv4 addresses. A number that fails its check is still taken when the child says what
 * it is ("my nhs number is ...").
 */
public final class IdNumberRecognizer implements Recognizer {
    private static final Pattern NHS = Pattern.compile("(?<![\\d-])(\\d{3})[ -]?(\\d{3})[ -]?(\\d{4})(?![\\d-])");
    private static final Pattern UPN = Pattern.compile("(?<![a-z0-9])[a-z]\\d{11}[a-z0-9](?![a-z0-9])");
    private static final Pattern NINO = Pattern.compile(
            "(?<![a-z0-9])(?!bg|gb|kn|nk|nt|tn|zz)[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] ?\\d{2} ?\\d{2} ?\\d{2} ?[a-d](?![a-z0-9])");
    private static final Pattern CONTEXT = Pattern.compile(
            "\\b(?:nhs|upn|pupil|ni|national insurance|student|candidate|passport|id|reference|ref)\\s*(?:number|no\\.?|num|#)?\\s*(?:is|:|=|-)?\\s*([a-z0-9]*\\d[a-z0-9]*(?:[ -][a-z0-9]*\\d[a-z0-9]*)*)");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])[3-6]\\d{3}(?:[ -]?\\d{2,4}){3,4}(?![\\d-])");
    private static final Pattern IBAN = Pattern.compile("(?<![a-z0-9])[a-z]{2}\\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?(?![a-z0-9])");
    private static final Pattern US_SSN = Pattern.compile("(?<![\\d-])(?!000|666|9)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}(?![\\d.])");
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
        if (view.digits() >= 9) {
            // Payment cards (Luhn), IBANs (mod 97), US social security numbers and IP addresses: rare in
            // children's writing, but they identify and cost little behind the digit gate.
            m = CARD.matcher(lower);
            while (m.find()) {
                String digits = m.group().replaceAll("[ -]", "");
                if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                    out.add(new DetectedEntity(m.start(), m.end(), EntityType.ID_NUMBER));
                }
            }
            m = IBAN.matcher(lower);
            while (m.find()) {
                if (validIban(m.group().replace(" ", "").toUpperCase(java.util.Locale.ROOT))) {
                    out.add(new DetectedEntity(m.start(), m.end(), EntityType.ID_NUMBER));
                }
            }
            m = US_SSN.matcher(lower);
            while (m.find()) {
                out.add(new DetectedEntity(m.start(), m.end(), EntityType.ID_NUMBER));
            }
        }
        if (view.digits() >= 4 && lower.indexOf('.') >= 0) {
            m = IPV4.matcher(lower);
            while (m.find()) {
                out.add(new DetectedEntity(m.start(), m.end(), EntityType.ID_NUMBER));
            }
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

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 is 1. */
    static boolean validIban(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < moved.length(); i++) {
            char c = moved.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
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
