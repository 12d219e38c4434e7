package uk.childvoice.geography.repository;

import java.util.regex.Pattern;

/**
 * Normalises postcodes and packs them into a {@code long}, the key of {@link PostcodeIndex}.
 *
 * <p>Normalising: upper case, every kind of white space removed (including no-break spaces), so
 * "sm3&nbsp;8jd", " SM38JD " and "SM3 8JD" are one postcode. The inward code is always the last three
 * characters, so the compact form is unique and the canonical form is outward + space + inward.
 *
 * <p>Packing: the outward code is right-padded to 4 characters and followed by the 3-character
 * inward code; each character takes 6 bits (0 = padding, digits 1-10, letters 11-36), 42 bits in all.
 * A {@code long} per postcode is what keeps 2.7 M keys in ~22 MB instead of ~200 MB of Strings.
 */
public final class PostcodeKey {
    /** Returned by {@link #pack} for anything that cannot be a postcode. */
    public static final long NONE = -1L;

    // UK postcode shape (compact form) plus Girobank's historic GIR 0AA; the directory is the real check.
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA");

    private PostcodeKey() {
    }

    /** Upper-cased with all white space removed; {@code null} stays {@code null}. */
    public static String compact(String raw) {
        if (raw == null) {
            return null;
        }
        // Hand-rolled rather than replaceAll/toUpperCase: this runs once per lookup on the hot path.
        char[] out = new char[raw.length()];
        int n = 0;
        boolean changed = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out[n++] = (char) (c - 32);
                changed = true;
            } else if (c < 128 ? c > ' ' : !(Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                out[n++] = c < 128 ? c : Character.toUpperCase(c);
                changed |= c >= 128;
            } else {
                changed = true;
            }
        }
        return changed ? new String(out, 0, n) : raw;
    }

    /** Whether a compact postcode has the shape of a UK postcode (INVALID otherwise). */
    public static boolean isWellFormed(String compact) {
        if (compact == null) {
            return false;
        }
        int length = compact.length();
        if (length < 5 || length > 7) {
            return false;
        }
        int inward = length - 3;
        if (!digit(compact.charAt(inward)) || !letter(compact.charAt(inward + 1)) || !letter(compact.charAt(inward + 2))) {
            return false;
        }
        // Outward: A9, A99, A9A, AA9, AA99, AA9A (checked by hand: the regex cost half of a lookup).
        char c0 = compact.charAt(0);
        char c1 = compact.charAt(1);
        if (!letter(c0)) {
            return false;
        }
        boolean shaped = switch (inward) {
            case 2 -> digit(c1);
            case 3 -> digit(c1) ? alnum(compact.charAt(2)) : letter(c1) && digit(compact.charAt(2));
            case 4 -> letter(c1) && digit(compact.charAt(2)) && alnum(compact.charAt(3));
            default -> false;
        };
        return shaped || compact.equals("GIR0AA");
    }

    /** The same rule as a regular expression, kept as the readable specification (tests compare the two). */
    static boolean matchesShape(String compact) {
        return compact != null && SHAPE.matcher(compact).matches();
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean alnum(char c) {
        return digit(c) || letter(c);
    }

    /** "SM38JD" → "SM3 8JD". */
    public static String canonical(String compact) {
        int split = compact.length() - 3;
        return compact.substring(0, split) + ' ' + compact.substring(split);
    }

    /** The packed key of a compact postcode, or {@link #NONE} if it is not 5-7 letters and digits. */
    public static long pack(String compact) {
        int length = compact.length();
        if (length < 5 || length > 7) {
            return NONE;
        }
        int outward = length - 3;
        long key = 0;
        for (int slot = 0; slot < 7; slot++) {
            int code;
            if (slot < 4) {
                code = slot < outward ? code(compact.charAt(slot)) : 0;
            } else {
                code = code(compact.charAt(outward + slot - 4));
            }
            if (code < 0) {
                return NONE;
            }
            key = (key << 6) | code;
        }
        return key;
    }

    /** The compact postcode of a packed key (for tests and the benchmark). */
    public static String unpack(long key) {
        char[] chars = new char[7];
        int n = 0;
        for (int slot = 0; slot < 7; slot++) {
            int code = (int) (key >>> (6 * (6 - slot))) & 0x3F;
            if (code != 0) {
                chars[n++] = code <= 10 ? (char) ('0' + code - 1) : (char) ('A' + code - 11);
            }
        }
        return new String(chars, 0, n);
    }

    private static int code(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0' + 1;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 11;
        }
        return -1;
    }
}
