package uk.childvoice.intake.service;

import java.util.regex.Pattern;

/**
 * Shape check and canonical form of UK postcodes. The shape only: whether a postcode exists is the
 * geography service's question, against the directory.
 */
public final class Postcodes {
    // Royal Mail's postcode format (BS 7666), on the compact form.
    private static final Pattern SHAPE = Pattern.compile(
            "^(GIR0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private Postcodes() {
    }

    /** The canonical form ("SM3 8JD"), or null when the text is not shaped like a UK postcode. */
    public static String canonical(String text) {
        if (text == null || text.length() > 16) {
            return null;
        }
        String compact = SPACES.matcher(text).replaceAll("").toUpperCase(java.util.Locale.ROOT);
        if (!SHAPE.matcher(compact).matches()) {
            return null;
        }
        return compact.substring(0, compact.length() - 3) + ' ' + compact.substring(compact.length() - 3);
    }
}
