package uk.childvoice.anonymiser.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import uk.childvoice.anonymiser.service.FreeTextScrubber;
import uk.childvoice.anonymiser.service.recognizer.Lexicon;
import uk.childvoice.anonymiser.service.recognizer.PersonTagger;
import uk.childvoice.anonymiser.service.recognizer.TextView;

/**
 * Trains the shipped {@link PersonTagger} reproducibly (fixed seed, fixed data, fixed epochs):
 * an averaged perceptron on the lower-cased Broad Twitter Corpus sections E, G, H and the WNUT-17
 * train set, with the decision threshold chosen on lower-cased BTC section F and the WNUT-17 dev set
 * (the lowest threshold, so the most recall, at which the names the model adds on the two are
 * right at least as often as the gazetteer layer's own names are: the model must not lower
 * precision).
 * BTC sections A and B are the held-out test and are never read here. Run from /work/main:
 * {@code ./mvnw -pl anonymiser test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=uk.childvoice.anonymiser.evaluation.PersonTaggerTrainer}
 * (writes {@code src/main/resources/data/person-tagger/person-tagger.bin.gz}, or the path given).
 */
public final class PersonTaggerTrainer {
    static final List<String> TRAIN = List.of(
            "eval/broad-twitter-corpus/e.conll.gz",
            "eval/broad-twitter-corpus/g.conll.gz",
            "eval/broad-twitter-corpus/h.conll.gz",
            "eval/wnut17/wnut17train.conll.gz");
    /** Development sets for the threshold: many names (BTC F, "twitterati") and few (WNUT-17 dev, mixed media). */
    static final List<String> DEV = List.of("eval/broad-twitter-corpus/f.conll.gz", "eval/wnut17/emerging.dev.conll.gz");
    static final int EPOCHS = 10;
    static final long SEED = 20_261_122L;

    private PersonTaggerTrainer() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0]
                : "anonymiser/src/main/resources/" + PersonTagger.RESOURCE);
        if (args.length == 0 && !Files.isDirectory(target.getParent())) {
            target = Path.of("src/main/resources/" + PersonTagger.RESOURCE);
        }
        Lexicon lexicon = Lexicon.load();
        List<GoldExample> train = new ArrayList<>();
        for (String r : TRAIN) {
            train.addAll(readConll(r));
        }
        PersonTagger model = train(train, lexicon, EPOCHS, SEED);
        List<List<GoldExample>> devSets = new ArrayList<>();
        List<GoldExample> dev = new ArrayList<>();
        for (String r : DEV) {
            List<GoldExample> set = readConll(r).stream().map(GoldExample::lowerCased).toList();
            devSets.add(set);
            dev.addAll(set);
        }
        FreeTextScrubber gazetteersOnly = new FreeTextScrubber(lexicon, null);
        int[] base = pooled(devSets, gazetteersOnly);
        double basePrecision = (double) base[1] / base[0];
        System.out.printf(Locale.ROOT, "dev sets (lower-cased) %s, gazetteers only:%s pooled P %.3f%n", DEV,
                scores(devSets, gazetteersOnly), basePrecision);
        float best = Float.NaN;
        for (float t = 12f; t >= -24f; t -= 1f) {
            FreeTextScrubber scrubber = new FreeTextScrubber(lexicon, model.withThreshold(t));
            int[] now = pooled(devSets, scrubber);
            double added = now[0] - base[0];
            double marginal = added <= 0 ? 1 : (now[1] - base[1]) / added;
            System.out.printf(Locale.ROOT, "threshold %5.1f: %s added %4.0f, right %.3f%n", t, scores(devSets, scrubber), added,
                    marginal);
            if (marginal >= basePrecision) {
                best = t;
            }
        }
        System.out.printf(Locale.ROOT, "chosen threshold %.2f%n", best);
        if (Boolean.getBoolean("trainer.errors")) {
            FreeTextScrubber chosen = new FreeTextScrubber(lexicon, model.withThreshold(best));
            Scorecard.printErrors(dev, x -> chosen.detect(new TextView(x, List.of())));
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            model.withThreshold(best).write(out);
        }
        System.out.println("wrote " + target.toAbsolutePath() + " (" + Files.size(target) + " bytes)");
    }

    /**
     * Predictions scored for precision: BTC labels @-mentions of people as PER, so handles count
     * there; WNUT-17 leaves every username unlabelled, so only PERSON counts there.
     */
    static Set<String> scored(int devSet) {
        return DEV.get(devSet).contains("broad-twitter") ? EvaluationCommand.NAME_TYPES : Set.of("PERSON");
    }

    /** Predictions scored and those right, summed over the dev sets. */
    private static int[] pooled(List<List<GoldExample>> sets, FreeTextScrubber scrubber) {
        int[] sum = new int[2];
        for (int k = 0; k < sets.size(); k++) {
            Scorecard card = Scorecard.score(sets.get(k), x -> scrubber.detect(new TextView(x, List.of())), scored(k));
            sum[0] += card.any().predicted();
            sum[1] += card.any().correct();
        }
        return sum;
    }

    private static String scores(List<List<GoldExample>> sets, FreeTextScrubber scrubber) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < sets.size(); k++) {
            Scorecard card = Scorecard.score(sets.get(k), x -> scrubber.detect(new TextView(x, List.of())), scored(k));
            sb.append(String.format(Locale.ROOT, " P %.3f R %.3f;", card.any().precision(), card.any().recall()));
        }
        return sb.toString();
    }

    /** Averaged perceptron over the eligible tokens of the lower-cased sentences. Deterministic. */
    static PersonTagger train(List<GoldExample> sentences, Lexicon lexicon, int epochs, long seed) {
        List<int[]> features = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        int[] scratch = new int[PersonTagger.MAX_FEATURES];
        int goldTokens = 0;
        int goldEligible = 0;
        for (GoldExample g : sentences) {
            TextView v = new TextView(g.text().toLowerCase(Locale.ROOT), List.of());
            int band = PersonTagger.englishBand(v, lexicon);
            for (int i = 0; i < v.tokenCount(); i++) {
                boolean person = inPerson(g, v.start(i), v.end(i));
                boolean eligible = PersonTagger.eligible(v, i, lexicon);
                if (person) {
                    goldTokens++;
                    if (eligible) {
                        goldEligible++;
                    }
                }
                if (eligible) {
                    int n = PersonTagger.features(v, i, lexicon, band, scratch);
                    features.add(Arrays.copyOf(scratch, n));
                    labels.add(person);
                }
            }
        }
        System.out.printf(Locale.ROOT, "training: %d sentences, %d eligible tokens, %d person tokens (%d eligible)%n",
                sentences.size(), features.size(), goldTokens, goldEligible);
        int size = 1 << PersonTagger.BITS;
        float[] w = new float[size];
        float[] u = new float[size];
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < features.size(); k++) {
            order.add(k);
        }
        Random random = new Random(seed);
        long c = 1;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            int mistakes = 0;
            for (int k : order) {
                int[] f = features.get(k);
                float s = 0f;
                for (int b : f) {
                    s += w[b];
                }
                int y = labels.get(k) ? 1 : -1;
                if (y * s <= 0) {
                    mistakes++;
                    for (int b : f) {
                        w[b] += y;
                        u[b] += (float) c * y;
                    }
                }
                c++;
            }
            System.out.printf(Locale.ROOT, "epoch %d: %d mistakes%n", epoch + 1, mistakes);
        }
        float[] averaged = new float[size];
        int nonZero = 0;
        for (int b = 0; b < size; b++) {
            averaged[b] = w[b] - u[b] / c;
            if (averaged[b] != 0f) {
                nonZero++;
            }
        }
        System.out.printf(Locale.ROOT, "non-zero weights: %d of %d%n", nonZero, size);
        return new PersonTagger(averaged, 0f);
    }

    private static boolean inPerson(GoldExample g, int start, int end) {
        for (GoldExample.Span s : g.spans()) {
            if (s.start() < end && start < s.end()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads a CoNLL file (token TAB BIO-label, blank line between texts) as gold sentences with the
     * tokens joined by single spaces and person spans (BTC "PER", WNUT-17 "person") as PERSON.
     */
    static List<GoldExample> readConll(String resource) {
        List<GoldExample> out = new ArrayList<>();
        try (InputStream raw = PersonTaggerTrainer.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("no CoNLL file " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            StringBuilder text = new StringBuilder();
            List<GoldExample.Span> spans = new ArrayList<>();
            int open = -1;
            int openEnd = -1;
            String line;
            while (true) {
                line = reader.readLine();
                if (line == null || line.isBlank()) {
                    if (open >= 0) {
                        spans.add(new GoldExample.Span(open, openEnd, "PERSON"));
                    }
                    if (text.length() > 0) {
                        out.add(new GoldExample(text.toString(), List.copyOf(spans), List.of()));
                    }
                    text.setLength(0);
                    spans.clear();
                    open = -1;
                    if (line == null) {
                        break;
                    }
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                String token = line.substring(0, tab).trim();
                String label = line.substring(tab + 1).trim();
                if (token.isEmpty()) {
                    continue;
                }
                if (text.length() > 0) {
                    text.append(' ');
                }
                int start = text.length();
                text.append(token);
                boolean person = label.length() > 2 && (label.substring(2).equals("PER") || label.substring(2).equals("person"));
                if (person && (label.startsWith("I-") && open >= 0)) {
                    openEnd = text.length();
                } else {
                    if (open >= 0) {
                        spans.add(new GoldExample.Span(open, openEnd, "PERSON"));
                        open = -1;
                    }
                    if (person) {
                        open = start;
                        openEnd = text.length();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
