package uk.childvoice.benchmark.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The questionnaire definitions survey-intake serves, read from the repository's data files
 * ({@code survey-intake/src/main/resources/questionnaires}) so that the generator follows the real
 * questions, option codes and age bands rather than a copy that could drift.
 */
public final class QuestionnaireDefinitions {
    /** Where the definitions live, relative to the repository root. */
    public static final Path RELATIVE_DIR = Path.of("survey-intake", "src", "main", "resources", "questionnaires");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Questionnaire> latest;
    private final Map<String, List<String>> optionSets;

    private QuestionnaireDefinitions(Map<String, Questionnaire> latest, Map<String, List<String>> optionSets) {
        this.latest = latest;
        this.optionSets = optionSets;
    }

    /** Reads {@code index.json} and every definition it lists; the highest version of each id wins. */
    public static QuestionnaireDefinitions load(Path dir) {
        try {
            JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
            JsonNode sets = JSON.readTree(dir.resolve(index.path("optionSets").asText()).toFile()).path("optionSets");
            Map<String, List<String>> optionSets = new LinkedHashMap<>();
            sets.fields().forEachRemaining(e -> {
                List<String> codes = new ArrayList<>();
                e.getValue().forEach(o -> codes.add(o.path("code").asText()));
                optionSets.put(e.getKey(), List.copyOf(codes));
            });
            Map<String, Questionnaire> latest = new LinkedHashMap<>();
            for (JsonNode file : index.path("questionnaires")) {
                Questionnaire q = parse(JSON.readTree(dir.resolve(file.asText()).toFile()), optionSets);
                Questionnaire seen = latest.get(q.id());
                if (seen == null || seen.version() < q.version()) {
                    latest.put(q.id(), q);
                }
            }
            if (latest.isEmpty()) {
                throw new IllegalStateException("no questionnaires listed in " + dir.resolve("index.json"));
            }
            return new QuestionnaireDefinitions(Map.copyOf(latest), Map.copyOf(optionSets));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the questionnaire definitions in " + dir, e);
        }
    }

    /** Reads the definitions from a repository checkout. */
    public static QuestionnaireDefinitions fromRepository(Path repositoryRoot) {
        return load(repositoryRoot.resolve(RELATIVE_DIR));
    }

    private static Questionnaire parse(JsonNode node, Map<String, List<String>> optionSets) {
        List<Question> questions = new ArrayList<>();
        for (JsonNode page : node.path("pages")) {
            for (JsonNode q : page.path("questions")) {
                List<String> codes = new ArrayList<>();
                if (q.has("optionSet")) {
                    List<String> set = optionSets.get(q.path("optionSet").asText());
                    if (set == null) {
                        throw new IllegalStateException("unknown option set " + q.path("optionSet").asText());
                    }
                    codes.addAll(set);
                } else {
                    q.path("options").forEach(o -> codes.add(o.path("code").asText()));
                }
                JsonNode notAsked = q.path("notAskedWhen");
                Set<String> notAskedCodes = new HashSet<>();
                notAsked.path("anyOf").forEach(c -> notAskedCodes.add(c.asText()));
                questions.add(new Question(q.path("id").asText(), q.path("type").asText(), List.copyOf(codes),
                        q.path("maxLength").asInt(0), notAsked.path("questionId").asText(null), Set.copyOf(notAskedCodes)));
            }
        }
        JsonNode band = node.path("ageBand");
        return new Questionnaire(node.path("id").asText(), node.path("version").asInt(), node.path("respondent").asText(),
                node.path("easyRead").asBoolean(false), band.path("min").asInt(), band.path("max").asInt(), List.copyOf(questions));
    }

    public Questionnaire get(String id) {
        Questionnaire q = latest.get(id);
        if (q == null) {
            throw new IllegalArgumentException("no questionnaire " + id + "; known: " + latest.keySet());
        }
        return q;
    }

    public Set<String> ids() {
        return latest.keySet();
    }

    public Map<String, List<String>> optionSets() {
        return optionSets;
    }
}
