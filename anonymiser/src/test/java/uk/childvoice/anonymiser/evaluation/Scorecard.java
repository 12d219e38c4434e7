package uk.childvoice.anonymiser.evaluation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import uk.childvoice.anonymiser.service.DetectedEntity;

/**
 * Scores a scrubber on gold sentences the way presidio-research does for de-identification: a gold
 * entity is found when at least half of its characters are masked (by a prediction of any type: the
 * identifier is gone); a prediction is correct when at least half of its characters lie inside gold
 * entities. Per type and for "any PII"; precision, recall and F2 (recall weighted four times).
 */
public final class Scorecard {
    /** Counts for one type: gold entities, those found, predictions, those correct. */
    public static final class Counts {
        int gold;
        int found;
        int predicted;
        int correct;

        public double recall() {
            return gold == 0 ? Double.NaN : (double) found / gold;
        }

        public double precision() {
            return predicted == 0 ? Double.NaN : (double) correct / predicted;
        }

        public double f2() {
            double p = precision();
            double r = recall();
            if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) {
                return Double.NaN;
            }
            return 5 * p * r / (4 * p + r);
        }

        public int gold() {
            return gold;
        }

        public int predicted() {
            return predicted;
        }

        public int correct() {
            return correct;
        }

        public int found() {
            return found;
        }
    }

    public static final String ANY = "any PII";
    public static final String CONTACT = "contact ids";
    private static final java.util.Set<String> CONTACT_TYPES = java.util.Set.of(
            "PHONE", "EMAIL", "POSTCODE", "ADDRESS", "SOCIAL_HANDLE", "ID_NUMBER");

    private final Map<String, Counts> byType = new TreeMap<>();
    private java.util.Set<String> scoredTypes;
    private final Counts any = new Counts();
    private final Counts contact = new Counts();

    /** Developer aid: prints each missed gold entity and each wrong prediction with its sentence. */
    public static void printErrors(List<GoldExample> gold, Function<String, List<DetectedEntity>> scrubber) {
        for (GoldExample g : gold) {
            List<DetectedEntity> predictions = scrubber.apply(g.text());
            Scorecard one = new Scorecard();
            one.add(g, predictions);
            if (one.any.found < one.any.gold || one.any.correct < one.any.predicted) {
                StringBuilder sb = new StringBuilder(g.text()).append("\n   gold:");
                g.spans().forEach(s -> sb.append(' ').append(s.type()).append('=').append(g.text(), s.start(), s.end()));
                sb.append("\n   pred:");
                predictions.forEach(p -> sb.append(' ').append(p.type()).append('=').append(g.text(), p.start(), p.end()));
                System.out.println(sb);
            }
        }
    }

    public static Scorecard score(List<GoldExample> gold, Function<String, List<DetectedEntity>> scrubber) {
        return score(gold, scrubber, null);
    }

    /**
     * @param scoredTypes when not null, only predictions of these types count towards precision (all
     *                    predictions still mask, so recall is unaffected)
     */
    public static Scorecard score(List<GoldExample> gold, Function<String, List<DetectedEntity>> scrubber,
            java.util.Set<String> scoredTypes) {
        Scorecard card = new Scorecard();
        card.scoredTypes = scoredTypes;
        for (GoldExample example : gold) {
            card.add(example, scrubber.apply(example.text()));
        }
        return card;
    }

    void add(GoldExample example, List<DetectedEntity> predictions) {
        int length = example.text().length();
        boolean[] masked = new boolean[length];
        for (DetectedEntity p : predictions) {
            for (int i = p.start(); i < Math.min(p.end(), length); i++) {
                masked[i] = true;
            }
        }
        boolean[] inGold = new boolean[length];
        boolean[] ignored = new boolean[length];
        for (GoldExample.Span s : example.spans()) {
            mark(inGold, s);
            Counts c = byType.computeIfAbsent(s.type(), t -> new Counts());
            boolean found = covered(masked, s.start(), s.end());
            c.gold++;
            any.gold++;
            if (CONTACT_TYPES.contains(s.type())) {
                contact.gold++;
            }
            if (found) {
                c.found++;
                any.found++;
                if (CONTACT_TYPES.contains(s.type())) {
                    contact.found++;
                }
            }
        }
        for (GoldExample.Span s : example.ignore()) {
            mark(ignored, s);
        }
        for (DetectedEntity p : predictions) {
            boolean correct = covered(inGold, p.start(), p.end());
            if (!correct && covered(ignored, p.start(), p.end())) {
                continue;
            }
            String type = p.type().name();
            if (scoredTypes != null && !scoredTypes.contains(type)) {
                continue;
            }
            Counts c = byType.computeIfAbsent(type, t -> new Counts());
            c.predicted++;
            any.predicted++;
            if (CONTACT_TYPES.contains(type)) {
                contact.predicted++;
            }
            if (correct) {
                c.correct++;
                any.correct++;
                if (CONTACT_TYPES.contains(type)) {
                    contact.correct++;
                }
            }
        }
    }

    private static void mark(boolean[] chars, GoldExample.Span s) {
        for (int i = Math.max(0, s.start()); i < Math.min(s.end(), chars.length); i++) {
            chars[i] = true;
        }
    }

    /** At least half of [start, end) is set. */
    private static boolean covered(boolean[] chars, int start, int end) {
        int hit = 0;
        int total = 0;
        for (int i = start; i < end && i < chars.length; i++) {
            total++;
            if (chars[i]) {
                hit++;
            }
        }
        return total > 0 && hit * 2 >= total;
    }

    public Counts type(String type) {
        return byType.getOrDefault(type, new Counts());
    }

    public Counts any() {
        return any;
    }

    public Counts contact() {
        return contact;
    }

    /** Markdown rows: one per type, then contact identifiers and any PII. */
    public String table(String dataset) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Counts> e : byType.entrySet()) {
            sb.append(row(dataset, e.getKey(), e.getValue()));
        }
        // On names-only sets (the Twitter corpus) handles are scored as names, not as contact identifiers.
        if (contact.gold > 0 || contact.predicted > 0 && scoredTypes == null) {
            sb.append(row(dataset, CONTACT, contact));
        }
        sb.append(row(dataset, "**" + ANY + "**", any));
        return sb.toString();
    }

    public static String header() {
        return "| set | type | gold | predicted | precision | recall | F2 |\n|---|---|---:|---:|---:|---:|---:|\n";
    }

    private static String row(String dataset, String type, Counts c) {
        return String.format(java.util.Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s |%n", dataset, type, c.gold,
                c.predicted, fmt(c.precision()), fmt(c.recall()), fmt(c.f2()));
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "-" : String.format(java.util.Locale.ROOT, "%.3f", d);
    }
}
