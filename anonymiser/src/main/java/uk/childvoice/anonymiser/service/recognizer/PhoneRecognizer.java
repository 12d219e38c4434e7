package uk.childvoice.anonymiser.service.recognizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import uk.childvoice.anonymiser.service.DetectedEntity;
import uk.childvoice.anonymiser.service.EntityType;

/**
 * Phone numbers: libphonenumber in strict {@code VALID} mode (lenient matching takes years and scores
 * for numbers), plus a UK shape rule for mobiles and geographic numbers, because strict matching
 * rejects Ofcom's drama ranges (07700 900xxx, 020 7946 0xxx) that children may copy and that tests use.
 */
public final class PhoneRecognizer implements Recognizer {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern UK_SHAPE = Pattern.compile(
            "(?<![\\d+])(?:(?:\\+|00)\\s?44\\s?\\(?0?\\)?\\s?|\\(?0)"
                    + "(?:7\\d{3}\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{3}"
                    + "|[123]\\d{2}\\)?[\\s.-]?\\d{3,4}[\\s.-]?\\d{3,4}"
                    + "|[123]\\d{3}\\)?[\\s.-]?\\d{5,6}"
                    + "|[123]\\d{3}\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{3})(?![\\d])");
    /** Fewer digits than this cannot be a dialable number; skipping saves the libphonenumber pass. */
    private static final int MIN_DIGITS = 7;

    @Override
    public void recognize(TextView view, List<DetectedEntity> out) {
        String text = view.text();
        int digits = 0;
        for (int i = 0; i < text.length() && digits < MIN_DIGITS; i++) {
            if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                digits++;
            }
        }
        if (digits < MIN_DIGITS) {
            return;
        }
        Matcher m = UK_SHAPE.matcher(text);
        while (m.find()) {
            int start = m.start();
            if (text.charAt(start) == '(') {
                start++;
            }
            int nationalDigits = countDigits(text, start, m.end());
            if (nationalDigits >= 10) {
                out.add(new DetectedEntity(start, m.end(), EntityType.PHONE));
            }
        }
        for (PhoneNumberMatch match : UTIL.findNumbers(text, "GB", PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
            out.add(new DetectedEntity(match.start(), match.end(), EntityType.PHONE));
        }
    }

    private static int countDigits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
