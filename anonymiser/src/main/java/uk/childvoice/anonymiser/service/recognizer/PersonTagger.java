package uk.childvoice.anonymiser.service.recognizer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A small caseless statistical tagger that says whether a word is part of a person's name: a linear
 * model (averaged perceptron) over hashed features of the lower-cased word's affixes and shape,
 * its neighbours, the punctuation around it, how English the text looks and the gazetteers (ONS
 * first names, SCOWL words, places). The word itself is not a feature, so the weights must generalise
 * to unseen surnames rather than memorise the training corpus's names. Written here rather than taken from a library because the only English person models on
 * Maven Central are case-sensitive or GPL and 20x too slow (see README); this one costs about a
 * microsecond per scored word. It only scores words the gazetteers cannot settle: not an ordinary
 * English word, not a function word, not a place, not on the not-a-name list. Trained on the Broad
 * Twitter Corpus sections E, G, H and WNUT-17 train, threshold chosen on BTC F and WNUT-17 dev (never
 * on sections A and B, the held-out test) by {@code PersonTaggerTrainer} in the test sources; the
 * weights ship as a classpath resource.
 * Immutable and thread-safe.
 */
public final class PersonTagger {
    /** Classpath location of the shipped weights. */
    public static final String RESOURCE = "data/person-tagger/person-tagger.bin.gz";
    private static final int MAGIC = 0x50455231; // "PER1"
    /** Feature buckets: 2^18 floats (1 MiB in memory); collisions cost less than a point of F1. */
    public static final int BITS = 18;
    private static final int MASK = (1 << BITS) - 1;
    /** Room for every feature of one word (see {@link #features}). */
    public static final int MAX_FEATURES = 48;

    private static final Set<String> TITLES = Set.of("mr", "mrs", "miss", "ms", "mx", "dr", "sir", "mister", "missus");

    private final float[] weights;
    private final float threshold;

    public PersonTagger(float[] weights, float threshold) {
        if (weights.length != 1 << BITS) {
            throw new IllegalArgumentException("expected " + (1 << BITS) + " weights");
        }
        this.weights = weights;
        this.threshold = threshold;
    }

    /** Loads the shipped model (a few milliseconds; call once and share). */
    public static PersonTagger load() {
        try (InputStream in = PersonTagger.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads weights written by {@link #write}: only the non-zero buckets, delta-coded. */
    public static PersonTagger read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 65_536));
        if (in.readInt() != MAGIC || in.readInt() != BITS) {
            throw new IOException("not a person-tagger model for " + BITS + " bits");
        }
        float threshold = in.readFloat();
        int n = in.readInt();
        float[] w = new float[1 << BITS];
        int index = -1;
        for (int k = 0; k < n; k++) {
            index += in.readUnsignedShort() + 1;
            w[index] = in.readFloat();
        }
        return new PersonTagger(w, threshold);
    }

    /** Writes the non-zero weights (index gaps fit in 16 bits as long as no gap exceeds 65,536). */
    public void write(OutputStream raw) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(raw);
        DataOutputStream out = new DataOutputStream(gz);
        out.writeInt(MAGIC);
        out.writeInt(BITS);
        out.writeFloat(threshold);
        int n = 0;
        for (float f : weights) {
            if (f != 0f) {
                n++;
            }
        }
        // A bucket at most every 65,536 keeps gaps in a short: pad with tiny weights where needed.
        int last = -1;
        int padded = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0f) {
                while (i - last - 1 > 0xFFFF) {
                    last += 0x10000;
                    padded++;
                }
                last = i;
            }
        }
        out.writeInt(n + padded);
        last = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0f) {
                while (i - last - 1 > 0xFFFF) {
                    out.writeShort(0xFFFF);
                    out.writeFloat(0f);
                    last += 0x10000;
                }
                out.writeShort(i - last - 1);
                out.writeFloat(weights[i]);
                last = i;
            }
        }
        out.flush();
        gz.finish();
    }

    public float threshold() {
        return threshold;
    }

    /** The same weights with another decision threshold (for tuning on a development set). */
    public PersonTagger withThreshold(float t) {
        return new PersonTagger(weights, t);
    }

    /**
     * Whether the model may score this token at all: a word of letters that none of the gazetteers
     * knows as an ordinary word, function word, title, place or non-name. Keeps "i hope", "will",
     * "summer" and every other word of children's writing out of the model's reach.
     */
    public static boolean eligible(TextView v, int i, Lexicon lexicon) {
        String w = v.word(i);
        if (w.length() < 2 || !Character.isLetter(w.charAt(0))) {
            return false;
        }
        for (int k = 1; k < w.length(); k++) {
            char c = w.charAt(k);
            if (!Character.isLetter(c) && c != '\'' && c != '-' || k >= 2 && c == w.charAt(k - 1) && c == w.charAt(k - 2)) {
                return false;
            }
        }
        Lexicon.Word lw = lexicon.at(v, i);
        return !lw.function() && !lw.common() && !lw.notName() && !lw.place() && !TITLES.contains(w);
    }

    /**
     * How English the text looks, in six bands: the share of its words that are ordinary English or
     * function words (a tweet in Indonesian is all "unknown words", none of them names), or 5 when
     * the text is too short to tell. Computed once per text.
     */
    public static int englishBand(TextView v, Lexicon lexicon) {
        int words = 0;
        int english = 0;
        for (int i = 0; i < v.tokenCount(); i++) {
            String w = v.word(i);
            if (!Character.isLetter(w.charAt(0))) {
                continue;
            }
            words++;
            Lexicon.Word lw = lexicon.at(v, i);
            if (lw.function() || lw.common()) {
                english++;
            }
        }
        if (words < 4) {
            return 5;
        }
        double share = (double) english / words;
        return share < 0.3 ? 0 : share < 0.5 ? 1 : share < 0.7 ? 2 : share < 0.85 ? 3 : 4;
    }

    /** Whether the model calls this (eligible) token part of a person's name. */
    public boolean isName(TextView v, int i, Lexicon lexicon, int englishBand, int[] scratch) {
        return score(v, i, lexicon, englishBand, scratch) > threshold;
    }

    /** The model's margin for the token (positive leans to a name). */
    public float score(TextView v, int i, Lexicon lexicon, int englishBand, int[] scratch) {
        int n = features(v, i, lexicon, englishBand, scratch);
        float s = 0f;
        for (int k = 0; k < n; k++) {
            s += weights[scratch[k]];
        }
        return s;
    }

    /**
     * Writes the bucket of each feature of token i into out and returns how many. Caseless: only the
     * lower-cased words and the punctuation around them are looked at.
     */
    public static int features(TextView v, int i, Lexicon lexicon, int englishBand, int[] out) {
        String w = v.word(i);
        int n = 0;
        out[n++] = bucket(1, 0);
        int len = w.length();
        for (int k = 2; k <= 4; k++) {
            if (len > k) {
                out[n++] = bucket(10 + k, prefixHash(w, k));
                out[n++] = bucket(20 + k, suffixHash(w, len - k));
            }
        }
        int shape = Math.min(len, 10);
        for (int k = 0; k < len; k++) {
            char c = w.charAt(k);
            if (c == '\'' || c == '-') {
                shape |= 16;
            } else if (c > 127) {
                shape |= 32;
            }
        }
        out[n++] = bucket(3, shape);
        String p1 = v.wordAt(i - 1);
        String p2 = v.wordAt(i - 2);
        String n1 = v.wordAt(i + 1);
        String n2 = v.wordAt(i + 2);
        out[n++] = bucket(4, p1.hashCode());
        out[n++] = bucket(5, n1.hashCode());
        out[n++] = bucket(6, p2.hashCode());
        out[n++] = bucket(7, n2.hashCode());
        out[n++] = bucket(30, p2.hashCode() * 31 + p1.hashCode());
        out[n++] = bucket(31, n1.hashCode() * 31 + n2.hashCode());
        int before = charBefore(v, i);
        int after = charAfter(v, i);
        out[n++] = bucket(32, before);
        out[n++] = bucket(33, after);
        out[n++] = bucket(34, before * 65_599 + after);
        int cw = wordClass(w, lexicon.at(v, i));
        int c1 = wordClass(p1, lexicon.at(v, i - 1));
        int c2 = wordClass(n1, lexicon.at(v, i + 1));
        out[n++] = bucket(35, cw);
        out[n++] = bucket(36, c1);
        out[n++] = bucket(37, c2);
        out[n++] = bucket(38, c1 * 16 + c2);
        out[n++] = bucket(39, wordClass(p2, lexicon.at(v, i - 2)) * 16 + c1);
        out[n++] = bucket(40, c2 * 16 + wordClass(n2, lexicon.at(v, i + 2)));
        int count = countBucket(lexicon.at(v, i).firstNameCount());
        out[n++] = bucket(41, count);
        out[n++] = bucket(42, count * 16 + c1);
        out[n++] = bucket(43, count * 16 + c2);
        out[n++] = bucket(44, c1 * 131 + n1.hashCode());
        out[n++] = bucket(45, p1.hashCode() * 131 + c2);
        out[n++] = bucket(46, before * 16 + c2);
        out[n++] = bucket(47, c1 * 65_599 + after);
        out[n++] = bucket(48, englishBand);
        out[n++] = bucket(49, englishBand * 16 + cw);
        return n;
    }

    /** Classes of a neighbouring word for the model: edge, function word, name, word, place and so on. */
    static int wordClass(String w, Lexicon.Word lw) {
        if (w.isEmpty()) {
            return 0;
        }
        if (Character.isDigit(w.charAt(0))) {
            return 1;
        }
        if (lw.function()) {
            return 2;
        }
        if (TITLES.contains(w)) {
            return 3;
        }
        boolean common = lw.common();
        if (lw.place()) {
            return 4;
        }
        if (lw.notName()) {
            return 5;
        }
        if (lw.firstNameCount() >= NameRecognizer.MIN_COUNT) {
            return common ? 6 : 7;
        }
        if (lw.startsPublicFigure()) {
            return 8;
        }
        return common ? 9 : 10;
    }

    private static int countBucket(int count) {
        if (count == 0) {
            return 0;
        }
        if (count < NameRecognizer.MIN_COUNT) {
            return 1;
        }
        if (count < 200) {
            return 2;
        }
        if (count < 2_000) {
            return 3;
        }
        return count < 20_000 ? 4 : 5;
    }

    /** The nearest non-space character before the token, with whether it touches it ('@name' vs '@ name'). */
    private static int charBefore(TextView v, int i) {
        String lower = v.lower();
        int k = v.start(i) - 1;
        boolean touching = true;
        while (k >= 0 && lower.charAt(k) == ' ') {
            k--;
            touching = false;
        }
        if (k < 0) {
            return '^';
        }
        char c = lower.charAt(k);
        if (Character.isLetterOrDigit(c)) {
            return 'a';
        }
        return touching ? c + 0x10000 : c;
    }

    private static int charAfter(TextView v, int i) {
        String lower = v.lower();
        int k = v.end(i);
        while (k < lower.length() && lower.charAt(k) == ' ') {
            k++;
        }
        if (k >= lower.length()) {
            return '$';
        }
        char c = lower.charAt(k);
        return Character.isLetterOrDigit(c) ? 'a' : c;
    }

    private static int prefixHash(String w, int k) {
        int h = 0;
        for (int j = 0; j < k; j++) {
            h = 31 * h + w.charAt(j);
        }
        return h;
    }

    private static int suffixHash(String w, int from) {
        int h = 0;
        for (int j = from; j < w.length(); j++) {
            h = 31 * h + w.charAt(j);
        }
        return h;
    }

    /** Murmur3's finaliser over (template, value): spreads the buckets; String.hashCode is fixed by the JLS. */
    private static int bucket(int template, int value) {
        int h = value * 0x9E3779B1 + template * 0x85EBCA6B;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h & MASK;
    }
}
