package uk.childvoice.intake.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.childvoice.contracts.QuestionIds;

/**
 * The questionnaire definitions of {@code classpath:questionnaires/}, parsed and checked once at
 * start (a broken definition stops the service), so a request never parses a schema.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class QuestionnaireCatalog {
    private static final String ROOT = "questionnaires/";

    private final Map<String, Questionnaire> latest;
    private final Map<String, Map<Integer, Questionnaire>> versions;
    private final byte[] summaries;

    @jakarta.inject.Inject
    public QuestionnaireCatalog(ObjectMapper mapper) {
        this(mapper, ROOT + "index.json");
    }

    QuestionnaireCatalog(ObjectMapper mapper, String indexResource) {
        JsonNode index = read(mapper, indexResource);
        String dir = indexResource.substring(0, indexResource.lastIndexOf('/') + 1);
        JsonNode sets = read(mapper, dir + index.path("optionSets").asText());
        Map<String, Map<Integer, Questionnaire>> byId = new LinkedHashMap<>();
        ArrayNode list = mapper.createArrayNode();
        for (JsonNode file : index.path("questionnaires")) {
            Questionnaire q = load(mapper, (ObjectNode) read(mapper, dir + file.asText()), sets);
            if (byId.computeIfAbsent(q.id(), k -> new HashMap<>()).put(q.version(), q) != null) {
                throw new IllegalStateException("questionnaire " + q.id() + " v" + q.version() + " defined twice");
            }
        }
        Map<String, Questionnaire> newest = new LinkedHashMap<>();
        byId.forEach((id, vs) -> {
            Questionnaire q = vs.values().stream().max((a, b) -> Integer.compare(a.version(), b.version())).orElseThrow();
            newest.put(id, q);
            ObjectNode summary = list.addObject();
            summary.put("id", id).put("version", q.version()).put("title", q.title()).put("easyRead", q.easyRead());
            summary.putObject("ageBand").put("min", q.minAge()).put("max", q.maxAge());
            summary.put("href", "/api/v1/questionnaires/" + id);
        });
        this.latest = Collections.unmodifiableMap(newest);
        this.versions = Collections.unmodifiableMap(byId);
        try {
            this.summaries = mapper.writeValueAsBytes(mapper.createObjectNode().set("questionnaires", list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest version of a questionnaire. */
    public Optional<Questionnaire> latest(String id) {
        return Optional.ofNullable(latest.get(id));
    }

    /** One version of a questionnaire. */
    public Optional<Questionnaire> find(String id, int version) {
        Map<Integer, Questionnaire> vs = versions.get(id);
        return vs == null ? Optional.empty() : Optional.ofNullable(vs.get(version));
    }

    /** All questionnaires, newest versions. */
    public Iterable<Questionnaire> all() {
        return latest.values();
    }

    /** The JSON list served by {@code GET /api/v1/questionnaires}, rendered once. */
    public byte[] summariesJson() {
        return summaries;
    }

    private static Questionnaire load(ObjectMapper mapper, ObjectNode def, JsonNode sets) {
        String id = text(def, "id");
        int version = def.path("version").asInt(0);
        if (version < 1) {
            throw new IllegalStateException("questionnaire " + id + " has no version");
        }
        boolean easyRead = def.path("easyRead").asBoolean(false);
        int minAge = def.path("ageBand").path("min").asInt(-1);
        int maxAge = def.path("ageBand").path("max").asInt(-1);
        if (minAge < 0 || maxAge < minAge) {
            throw new IllegalStateException("questionnaire " + id + " has no valid ageBand");
        }
        Map<String, Question> questions = new LinkedHashMap<>();
        List<String> pageIds = new ArrayList<>();
        for (JsonNode pageNode : def.path("pages")) {
            String pageId = text(pageNode, "id");
            if (pageIds.contains(pageId)) {
                throw new IllegalStateException(id + ": page " + pageId + " defined twice");
            }
            pageIds.add(pageId);
            for (JsonNode qNode : pageNode.path("questions")) {
                ObjectNode qo = (ObjectNode) qNode;
                String qid = text(qo, "id");
                QuestionType type = QuestionType.valueOf(text(qo, "type"));
                if (qo.has("optionSet")) {
                    qo.set("options", resolveSet(sets, qo.get("optionSet").asText(), easyRead, id));
                }
                Set<String> codes = new HashSet<>();
                for (JsonNode opt : qo.path("options")) {
                    if (!codes.add(text(opt, "code"))) {
                        throw new IllegalStateException(id + "/" + qid + ": option " + opt.get("code").asText() + " twice");
                    }
                }
                if (type.isChoice() && codes.isEmpty()) {
                    throw new IllegalStateException(id + "/" + qid + ": a choice question needs options");
                }
                int maxLength = qo.path("maxLength").asInt(type == QuestionType.SCHOOL ? 120 : 0);
                if (type == QuestionType.FREE_TEXT && maxLength <= 0) {
                    throw new IllegalStateException(id + "/" + qid + ": free text needs maxLength");
                }
                if (type == QuestionType.ETHNICITY) {
                    qo.set("groups", sets.path("ethnicityGroups").deepCopy());
                }
                if (type == QuestionType.AGE) {
                    qo.put("min", minAge).put("max", maxAge);
                }
                boolean skipped = qo.has("notAskedWhen");
                if (skipped) {
                    checkSecureRule(qo.get("notAskedWhen"), id + "/" + qid);
                }
                if ((type == QuestionType.POSTCODE || type == QuestionType.SCHOOL) && !skipped) {
                    throw new IllegalStateException(id + "/" + qid + ": postcode and school must be skipped in secure settings");
                }
                if (questions.put(qid, new Question(qid, pageId, type, Set.copyOf(codes), maxLength, minAge, maxAge, skipped)) != null) {
                    throw new IllegalStateException(id + ": question " + qid + " defined twice");
                }
            }
        }
        if (questions.values().stream().anyMatch(Question::skippedInSecureSetting)) {
            Question living = questions.get(QuestionIds.LIVING_SITUATION);
            if (living == null || !living.codes().containsAll(QuestionIds.SECURE_SETTINGS)) {
                throw new IllegalStateException(id + ": livingSituation must offer every secure-setting code");
            }
        }
        try {
            return new Questionnaire(id, version, text(def, "title"), easyRead, minAge, maxAge,
                    Collections.unmodifiableMap(questions), List.copyOf(pageIds), mapper.writeValueAsBytes(def));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkSecureRule(JsonNode rule, String where) {
        Set<String> codes = new HashSet<>();
        rule.path("anyOf").forEach(c -> codes.add(c.asText()));
        if (!QuestionIds.LIVING_SITUATION.equals(rule.path("questionId").asText()) || !codes.equals(QuestionIds.SECURE_SETTINGS)) {
            throw new IllegalStateException(where + ": notAskedWhen must name livingSituation and exactly the secure settings");
        }
    }

    /** Copies a shared option set into a question, with the easy-read label where the variant is easy read. */
    private static ArrayNode resolveSet(JsonNode sets, String name, boolean easyRead, String where) {
        JsonNode set = sets.path("optionSets").path(name);
        if (!set.isArray()) {
            throw new IllegalStateException(where + ": unknown option set " + name);
        }
        ArrayNode out = ((ArrayNode) set).deepCopy();
        for (JsonNode opt : out) {
            ObjectNode o = (ObjectNode) opt;
            JsonNode easy = o.remove("easyReadLabel");
            if (easyRead && easy != null) {
                o.set("label", easy);
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalStateException("questionnaire definition: missing '" + field + "'");
        }
        return v.asText();
    }

    private static JsonNode read(ObjectMapper mapper, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
