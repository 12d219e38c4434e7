package uk.childvoice.anonymiser.service.recognizer;

import java.util.Arrays;
import java.util.List;

/**
 * The text a recognizer looks at: the original, a same-length lower-cased copy (char by char, so
 * offsets stay valid) and its word tokens. Built once per scrub and shared by every recognizer.
 */
public final class TextView {
    private final String text;
    private final String lower;
    private final List<String> ownSchools;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private String[] words;
    private int count;
    private final boolean mostlyLowerCase;
    private final int digits;
    /** Each token's entry in {@link #lexicalOwner}, filled as recognizers ask ({@link Lexicon#at}). */
    private Lexicon.Word[] lexical;
    private Lexicon lexicalOwner;

    public TextView(String text, List<String> ownSchools) {
        this.text = text;
        this.ownSchools = ownSchools;
        char[] chars = text.toCharArray();
        int upper = 0;
        int letters = 0;
        int digitCount = 0;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                digitCount++;
            } else if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
            // Curly apostrophes are folded so "mum’s" and "mum's" look alike to the gazetteers.
            chars[i] = c == '\u2019' ? '\'' : Character.toLowerCase(c);
        }
        this.lower = new String(chars);
        this.digits = digitCount;
        // Children often write without capitals; then capitalisation carries no signal about names.
        this.mostlyLowerCase = letters == 0 || upper * 40 < letters;
        tokenize();
    }

    private void tokenize() {
        int n = lower.length();
        int i = 0;
        while (i < n) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                i++;
                while (i < n) {
                    char d = lower.charAt(i);
                    if (Character.isLetterOrDigit(d)) {
                        i++;
                    } else if ((d == '\'' || d == '-') && i + 1 < n && Character.isLetter(lower.charAt(i + 1))) {
                        i++;
                    } else {
                        break;
                    }
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                starts[count] = start;
                ends[count] = i;
                count++;
            } else {
                i++;
            }
        }
        words = new String[count];
    }

    public String text() {
        return text;
    }

    /** Lower-cased text with the same offsets as {@link #text()}. */
    public String lower() {
        return lower;
    }

    /** School names the child gave on this response (decrypted), to be removed wherever they occur. */
    public List<String> ownSchools() {
        return ownSchools;
    }

    /** ASCII digits in the text: most number recognizers need a few before they are worth running. */
    public int digits() {
        return digits;
    }

    /** Whether the lower-cased text contains any of the strings (a cheap gate before a costly pattern). */
    public boolean containsAny(String... needles) {
        for (String n : needles) {
            if (lower.contains(n)) {
                return true;
            }
        }
        return false;
    }

    public boolean mostlyLowerCase() {
        return mostlyLowerCase;
    }

    public int tokenCount() {
        return count;
    }

    public int start(int token) {
        return starts[token];
    }

    public int end(int token) {
        return ends[token];
    }

    /** The lower-cased token, with a trailing possessive 's removed. */
    public String word(int token) {
        String w = words[token];
        if (w == null) {
            int s = starts[token];
            int e = ends[token];
            if (e - s > 2 && lower.charAt(e - 2) == '\'' && lower.charAt(e - 1) == 's') {
                e -= 2;
            }
            w = lower.substring(s, e);
            words[token] = w;
        }
        return w;
    }

    /** Where {@link Lexicon#at} keeps the tokens' entries; afresh if another lexicon asks. */
    Lexicon.Word[] lexicalWords(Lexicon lexicon) {
        if (lexicalOwner != lexicon) {
            lexical = new Lexicon.Word[count];
            lexicalOwner = lexicon;
        }
        return lexical;
    }

    /** The token, or "" outside the text, so context rules can look around without bounds checks. */
    public String wordAt(int token) {
        return token < 0 || token >= count ? "" : word(token);
    }

    /** Whether the token begins with a capital in the original text. */
    public boolean capitalised(int token) {
        return Character.isUpperCase(text.charAt(starts[token]));
    }

    /** Whether the token is all capitals (two or more letters). */
    public boolean allCaps(int token) {
        int s = starts[token];
        int e = ends[token];
        if (e - s < 2) {
            return false;
        }
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c) && !Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a sentence starts at the token: text start or after . ! ? or a line break. */
    public boolean sentenceStart(int token) {
        int i = starts[token] - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '\'' || text.charAt(i) == '(')) {
            i--;
        }
        if (i < 0) {
            return true;
        }
        char c = text.charAt(i);
        return c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r' || c == ':';
    }

    /** Whether only spaces separate two neighbouring tokens (no comma or full stop between them). */
    public boolean adjacent(int left, int right) {
        for (int i = ends[left]; i < starts[right]; i++) {
            if (text.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** Index of the first token starting at or after the offset (tokenCount() if none). */
    public int tokenAtOrAfter(int offset) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
