package uk.childvoice.benchmark.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.childvoice.benchmark.generator.SyntheticResponse.PostcodeKind;
import uk.childvoice.launcher.LauncherSettings;

/**
 * Every generated response must be one survey-intake accepts. The rules are checked here against the
 * raw definition files, independently of the generator's own reading of them.
 */
class GeneratedResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // survey-intake's postcode shape (Postcodes.SHAPE), on the compact upper-case form.
    private static final Pattern POSTCODE = Pattern.compile(
            "^(GIR0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$");
    private static final Pattern UUID_V4 = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    private static final Set<String> SECURE = Set.of("secure_childrens_home", "young_offender_institution",
            "secure_training_centre", "inpatient_mental_health");
    private static final int SAMPLE = 3_000;

    private static Path root;
    private static QuestionnaireDefinitions parsed;
    private static PostcodeSample postcodes;
    private static ResponseGenerator generator;
    private static Map<String, JsonNode> definitions;
    private static JsonNode optionSets;

    @BeforeAll
    static void load() throws IOException {
        root = LauncherSettings.repositoryRoot();
        Path dir = root.resolve(QuestionnaireDefinitions.RELATIVE_DIR);
        JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
        optionSets = JSON.readTree(dir.resolve(index.path("optionSets").asText()).toFile()).path("optionSets");
        definitions = new HashMap<>();
        for (JsonNode f : index.path("questionnaires")) {
            JsonNode q = JSON.readTree(dir.resolve(f.asText()).toFile());
            definitions.merge(q.path("id").asText(), q, (a, b) -> a.path("version").asInt() >= b.path("version").asInt() ? a : b);
        }
        parsed = QuestionnaireDefinitions.fromRepository(root);
        postcodes = PostcodeSample.fromRepository(root);
        generator = new ResponseGenerator(parsed, postcodes, 42L);
    }

    @Test
    void everyGeneratedResponseValidatesAgainstItsQuestionnaire() throws IOException {
        for (long i = 0; i < SAMPLE; i++) {
            SyntheticResponse r = generator.generate(1, i);
            List<String> problems = violations(r.questionnaireId(), JSON.readTree(r.body()));
            assertThat(problems).as("response %d (%s): %s", i, r.questionnaireId(), new String(r.body())).isEmpty();
        }
    }

    @Test
    void sameSeedStreamAndIndexGiveTheSameBytesInAnyOrder() {
        ResponseGenerator again = new ResponseGenerator(parsed, postcodes, 42L);
        for (long i = 20; i >= 0; i--) {
            SyntheticResponse a = generator.generate(2, i);
            SyntheticResponse b = again.generate(2, i);
            assertThat(b.body()).isEqualTo(a.body());
            assertThat(b.submissionId()).isEqualTo(a.submissionId());
        }
    }

    @Test
    void otherSeedsAndStreamsGiveOtherResponsesAndIds() {
        ResponseGenerator other = new ResponseGenerator(parsed, postcodes, 43L);
        Set<String> ids = new HashSet<>();
        for (long i = 0; i < 500; i++) {
            ids.add(generator.generate(1, i).submissionId());
            ids.add(generator.generate(2, i).submissionId());
            ids.add(other.generate(1, i).submissionId());
        }
        assertThat(ids).hasSize(1_500);
        assertThat(other.generate(1, 0).body()).isNotEqualTo(generator.generate(1, 0).body());
    }

    @Test
    void aSampleLooksLikeTheSurveyByVariantPostcodeAndText() throws IOException {
        Map<String, Integer> byVariant = new HashMap<>();
        Map<PostcodeKind, Integer> byPostcode = new EnumMap<>(PostcodeKind.class);
        int secure = 0;
        int identifying = 0;
        int preferNotToSay = 0;
        int englishFromSample = 0;
        Set<String> sampleEnglish = englishLivePostcodes();
        for (long i = 0; i < SAMPLE; i++) {
            SyntheticResponse r = generator.generate(1, i);
            byVariant.merge(r.questionnaireId(), 1, Integer::sum);
            byPostcode.merge(r.postcodeKind(), 1, Integer::sum);
            secure += r.secureSetting() ? 1 : 0;
            identifying += r.identifyingTexts();
            JsonNode answers = JSON.readTree(r.body()).path("answers");
            for (JsonNode a : answers) {
                preferNotToSay += a.has("preferNotToSay") ? 1 : 0;
            }
            if (r.postcodeKind() == PostcodeKind.ENGLAND) {
                String pc = answers.path("postcode").path("value").asText().toUpperCase().replace(" ", "");
                englishFromSample += sampleEnglish.contains(pc) ? 1 : 0;
            }
        }
        assertThat(byVariant).containsOnlyKeys(definitions.keySet());
        assertThat(byVariant.get("9-12")).isGreaterThan(byVariant.get("6-8-easy-read") * 5);
        assertThat(byPostcode.get(PostcodeKind.ENGLAND)).isGreaterThan(SAMPLE * 7 / 10);
        assertThat(byPostcode).containsKeys(PostcodeKind.WALES, PostcodeKind.ENGLAND_TERMINATED, PostcodeKind.NOT_IN_DIRECTORY,
                PostcodeKind.OTHER_NOT_ENGLAND, PostcodeKind.PREFER_NOT_TO_SAY, PostcodeKind.NOT_ASKED);
        assertThat(englishFromSample).isEqualTo(byPostcode.get(PostcodeKind.ENGLAND));
        assertThat(secure).isBetween(SAMPLE / 200, SAMPLE / 20);
        assertThat(identifying).isGreaterThan(SAMPLE / 50);
        assertThat(preferNotToSay).isGreaterThan(SAMPLE / 2);
    }

    private static Set<String> englishLivePostcodes() throws IOException {
        Set<String> s = new HashSet<>();
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(root.resolve(PostcodeSample.RELATIVE_FILE)));
                var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                if (f[4].equals("\"\"") && f[16].equals("\"E92000001\"")) {
                    s.add(f[2].replace("\"", "").replace(" ", ""));
                }
            }
        }
        return s;
    }

    /** survey-intake's rules, written out independently. */
    private static List<String> violations(String questionnaireId, JsonNode body) {
        List<String> v = new ArrayList<>();
        JsonNode def = definitions.get(questionnaireId);
        if (def == null) {
            return List.of("unknown questionnaire " + questionnaireId);
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!Set.of("submissionId", "questionnaireVersion", "answers").contains(name)) {
                v.add("unknown top-level field " + name);
            }
        }
        if (!UUID_V4.matcher(body.path("submissionId").asText()).matches()) {
            v.add("submissionId not a UUID");
        }
        if (!body.path("questionnaireVersion").isInt() || body.path("questionnaireVersion").asInt() != def.path("version").asInt()) {
            v.add("wrong questionnaireVersion");
        }
        Map<String, JsonNode> questions = new HashMap<>();
        def.path("pages").forEach(p -> p.path("questions").forEach(q -> questions.put(q.path("id").asText(), q)));
        JsonNode answers = body.path("answers");
        if (!answers.isObject()) {
            return List.of("answers missing");
        }
        String living = answers.path("livingSituation").path("value").asText(null);
        for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode q = questions.get(e.getKey());
            if (q == null) {
                v.add(e.getKey() + " is not a question of " + questionnaireId);
                continue;
            }
            JsonNode a = e.getValue();
            if (living != null && SECURE.contains(living) && q.has("notAskedWhen")) {
                v.add(e.getKey() + " sent for a child in a secure setting");
            }
            Set<String> keys = new HashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            if (keys.equals(Set.of("preferNotToSay"))) {
                if (!a.path("preferNotToSay").asBoolean(false) || !a.path("preferNotToSay").isBoolean()) {
                    v.add(e.getKey() + " preferNotToSay must be true");
                }
                continue;
            }
            if (!keys.equals(Set.of("value"))) {
                v.add(e.getKey() + " must have value or preferNotToSay only");
                continue;
            }
            v.addAll(valueViolations(e.getKey(), q, def, a.path("value")));
        }
        return v;
    }

    private static List<String> valueViolations(String id, JsonNode q, JsonNode def, JsonNode value) {
        Set<String> codes = new HashSet<>();
        if (q.has("optionSet")) {
            optionSets.path(q.path("optionSet").asText()).forEach(o -> codes.add(o.path("code").asText()));
        } else {
            q.path("options").forEach(o -> codes.add(o.path("code").asText()));
        }
        String type = q.path("type").asText();
        switch (type) {
            case "SINGLE_CHOICE", "LOCAL_COUNCIL", "ETHNICITY" -> {
                return value.isTextual() && codes.contains(value.asText()) ? List.of() : List.of(id + " not an option: " + value);
            }
            case "MULTIPLE_CHOICE" -> {
                Set<String> seen = new HashSet<>();
                if (!value.isArray() || value.isEmpty()) {
                    return List.of(id + " must be a non-empty array");
                }
                for (JsonNode c : value) {
                    if (!c.isTextual() || !codes.contains(c.asText()) || !seen.add(c.asText())) {
                        return List.of(id + " bad or repeated option " + c);
                    }
                }
                return List.of();
            }
            case "FREE_TEXT", "SCHOOL" -> {
                String t = value.asText("");
                int max = q.path("maxLength").asInt(Integer.MAX_VALUE);
                return value.isTextual() && !t.isBlank() && t.strip().codePointCount(0, t.strip().length()) <= max
                        ? List.of() : List.of(id + " text empty or longer than " + max);
            }
            case "AGE" -> {
                int min = def.path("ageBand").path("min").asInt();
                int max = def.path("ageBand").path("max").asInt();
                return value.isInt() && value.asInt() >= min && value.asInt() <= max ? List.of() : List.of(id + " outside the age band: " + value);
            }
            case "POSTCODE" -> {
                String compact = value.asText("").replaceAll("\\s+", "").toUpperCase();
                return value.isTextual() && POSTCODE.matcher(compact).matches() ? List.of() : List.of(id + " not shaped like a postcode: " + value);
            }
            default -> {
                return List.of(id + " has unknown type " + type);
            }
        }
    }
}
