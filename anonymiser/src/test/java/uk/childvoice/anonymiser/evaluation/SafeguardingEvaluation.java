package uk.childvoice.anonymiser.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import uk.childvoice.anonymiser.service.SafeguardingAssessment;
import uk.childvoice.anonymiser.service.SafeguardingDetector;

/**
 * Scores the safeguarding detector on {@code eval/safeguarding/labelled.tsv}: one text per line,
 * {@code CATEGORY<TAB>text} for a disclosure, {@code NONE<TAB>text} for a trap (hyperbole, games,
 * ordinary worries). A disclosure counts as caught when it is flagged at all (any category).
 */
public final class SafeguardingEvaluation {
    public static final String RESOURCE = "eval/safeguarding/labelled.tsv";

    /** One labelled text. */
    public record Labelled(String label, String text) {
        boolean disclosure() {
            return !label.equals("NONE");
        }
    }

    private SafeguardingEvaluation() {
    }

    public static List<Labelled> read() {
        List<Labelled> out = new ArrayList<>();
        try (InputStream in = SafeguardingEvaluation.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                out.add(new Labelled(line.substring(0, tab), line.substring(tab + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Markdown: counts, recall, precision; then every miss and false alarm, so the rules can be improved. */
    public static String run(SafeguardingDetector detector) {
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int tn = 0;
        StringBuilder errors = new StringBuilder();
        for (Labelled l : read()) {
            SafeguardingAssessment a = detector.assess(l.text());
            if (l.disclosure()) {
                if (a.flag()) {
                    tp++;
                } else {
                    fn++;
                    errors.append("- missed (").append(l.label()).append("): ").append(l.text()).append('\n');
                }
            } else if (a.flag()) {
                fp++;
                errors.append("- false alarm ").append(a.categories()).append(": ").append(l.text()).append('\n');
            } else {
                tn++;
            }
        }
        double recall = (double) tp / (tp + fn);
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        return "| disclosures | traps | caught | missed | false alarms | recall | precision |\n|---:|---:|---:|---:|---:|---:|---:|\n"
                + "| " + (tp + fn) + " | " + (fp + tn) + " | " + tp + " | " + fn + " | " + fp + " | "
                + EvaluationCommand.pct(recall) + " | " + EvaluationCommand.pct(precision) + " |\n\n" + errors;
    }
}
