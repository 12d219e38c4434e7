package uk.childvoice.anonymiser.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import uk.childvoice.anonymiser.service.FreeTextScrubber;
import uk.childvoice.anonymiser.service.SafeguardingDetector;
import uk.childvoice.anonymiser.service.recognizer.Lexicon;
import uk.childvoice.anonymiser.service.recognizer.TextView;

/**
 * Scores the scrubber and the safeguarding detector on the shipped gold sets and prints Markdown
 * tables (also written to {@code target/evaluation/results.md}). Run with
 * {@code ./mvnw -pl anonymiser -Peval verify}, or pass JSONL gold resources as arguments to score
 * your own ({@code name=resource[:names][:lower][:rules]}: names-only scoring, lower-cased, without
 * the person tagger).
 */
public final class EvaluationCommand {
    private static final String[] DEFAULT_SETS = {
        "child-style=eval/child-style/child-style.jsonl",
        "presidio-synth=eval/presidio-research/synth_dataset_v2.jsonl",
        "btc-uk-a+b=eval/broad-twitter-corpus/a.jsonl+eval/broad-twitter-corpus/b.jsonl:names",
        "btc-uk-a+b-lower=eval/broad-twitter-corpus/a.jsonl+eval/broad-twitter-corpus/b.jsonl:names:lower",
        "btc-uk-a+b-lower, no tagger=eval/broad-twitter-corpus/a.jsonl+eval/broad-twitter-corpus/b.jsonl:names:lower:rules",
    };

    /**
     * Predictions scored for precision on the names-only Twitter sets: the corpus labels @-mentions
     * of people as PER, so a masked handle is scored like a name (right on a person, wrong elsewhere).
     */
    static final java.util.Set<String> NAME_TYPES = java.util.Set.of("PERSON", "SOCIAL_HANDLE");

    private EvaluationCommand() {
    }

    public static void main(String[] args) throws IOException {
        Lexicon lexicon = Lexicon.load();
        FreeTextScrubber scrubber = new FreeTextScrubber(lexicon);
        FreeTextScrubber rulesOnly = new FreeTextScrubber(lexicon, null);
        StringBuilder out = new StringBuilder("### Scrubber (entity found when >= half its characters are masked)\n\n");
        out.append(Scorecard.header());
        for (String set : args.length == 0 ? DEFAULT_SETS : args) {
            int eq = set.indexOf('=');
            String name = set.substring(0, eq);
            String spec = set.substring(eq + 1);
            // ":rules" scores the pipeline without the person tagger, to show what the model adds.
            boolean withoutTagger = spec.endsWith(":rules");
            if (withoutTagger) {
                spec = spec.substring(0, spec.length() - ":rules".length());
            }
            FreeTextScrubber pipeline = withoutTagger ? rulesOnly : scrubber;
            boolean lower = spec.endsWith(":lower");
            if (lower) {
                spec = spec.substring(0, spec.length() - ":lower".length());
            }
            // The Twitter corpus labels only people (PER): other types are not scored for precision there.
            boolean namesOnly = spec.endsWith(":names");
            if (namesOnly) {
                spec = spec.substring(0, spec.length() - ":names".length());
            }
            List<GoldExample> gold = new ArrayList<>();
            for (String resource : spec.split("\\+")) {
                for (GoldExample g : GoldExample.readJsonl(resource)) {
                    gold.add(lower ? g.lowerCased() : g);
                }
            }
            Scorecard card = Scorecard.score(gold, text -> pipeline.detect(new TextView(text, List.of())),
                    namesOnly ? NAME_TYPES : null);
            if (name.equals(System.getProperty("eval.errors"))) {
                Scorecard.printErrors(gold, text -> pipeline.detect(new TextView(text, List.of())));
            }
            out.append(card.table(name + " (" + gold.size() + ")"));
        }
        if (args.length == 0) {
            out.append("\n### Safeguarding detection\n\n").append(SafeguardingEvaluation.run(SafeguardingDetector.load()));
        }
        System.out.println(out);
        Path dir = Path.of("target", "evaluation");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), out.toString(), StandardCharsets.UTF_8);
    }

    static String pct(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
