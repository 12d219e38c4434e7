package uk.childvoice.intake.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import uk.childvoice.contracts.QuestionIds;

/**
 * Checks a submission against its questionnaire definition and collects every bad field, so the
 * child's browser can show all problems at once. Pure CPU work on pre-parsed definitions: safe on
 * the event loop.
 */
@ApplicationScoped
public class ResponseValidator {
    private static final Set<String> TOP_LEVEL = Set.of("submissionId", "questionnaireVersion", "answers");
    private static final Pattern UUID_SHAPE = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    private final QuestionnaireCatalog catalog;

    public ResponseValidator(QuestionnaireCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Validates a whole response for questionnaire {@code questionnaireId}.
     *
     * @throws InvalidResponseException listing every bad field
     * @throws UnknownQuestionnaireException when the questionnaire does not exist
     */
    public ValidatedResponse validate(String questionnaireId, JsonNode body) {
        Questionnaire latest = catalog.latest(questionnaireId).orElseThrow(() -> new UnknownQuestionnaireException(questionnaireId));
        List<Violation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidResponseException(List.of(new Violation("", "the body must be a JSON object")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                violations.add(new Violation("/" + escape(name), "unknown field"));
            }
        }
        String submissionId = submissionId(body.get("submissionId"), violations);
        Questionnaire questionnaire = latest;
        JsonNode version = body.get("questionnaireVersion");
        if (version == null || version.isNull()) {
            violations.add(new Violation("/questionnaireVersion", "is required"));
        } else if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            violations.add(new Violation("/questionnaireVersion", "must be an integer"));
        } else {
            questionnaire = catalog.find(questionnaireId, version.intValue()).orElse(null);
            if (questionnaire == null) {
                violations.add(new Violation("/questionnaireVersion", "is not a version of questionnaire " + questionnaireId));
                questionnaire = latest;
            }
        }
        JsonNode answersNode = body.get("answers");
        Map<String, Answer> answers = Map.of();
        if (answersNode == null || answersNode.isNull()) {
            violations.add(new Violation("/answers", "is required"));
        } else if (!answersNode.isObject()) {
            violations.add(new Violation("/answers", "must be an object keyed by question id"));
        } else {
            answers = answers(questionnaire, answersNode, null, violations);
        }
        boolean secure = secureSetting(answers);
        if (secure) {
            for (Question q : questionnaire.questions().values()) {
                if (q.skippedInSecureSetting() && answersNode.has(q.id())) {
                    violations.add(new Violation("/answers/" + q.id(),
                            "is not asked of children who live in a secure setting and must not be sent"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidResponseException(violations);
        }
        return new ValidatedResponse(submissionId, questionnaire, answers, secure);
    }

    /**
     * Validates the answers of one page of a save-and-resume session (no submission id, no version:
     * the session holds those).
     */
    public Map<String, Answer> validatePage(Questionnaire questionnaire, String pageId, JsonNode answersNode) {
        List<Violation> violations = new ArrayList<>();
        if (answersNode == null || !answersNode.isObject()) {
            throw new InvalidResponseException(List.of(new Violation("/answers", "must be an object keyed by question id")));
        }
        Map<String, Answer> answers = answers(questionnaire, answersNode, pageId, violations);
        if (!violations.isEmpty()) {
            throw new InvalidResponseException(violations);
        }
        return answers;
    }

    /** True when the living-situation answer is a secure setting. */
    public static boolean secureSetting(Map<String, Answer> answers) {
        Answer living = answers.get(QuestionIds.LIVING_SITUATION);
        return living != null && living.codes().stream().anyMatch(QuestionIds.SECURE_SETTINGS::contains);
    }

    private static String submissionId(JsonNode node, List<Violation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new Violation("/submissionId", "is required"));
            return null;
        }
        if (!node.isTextual() || !UUID_SHAPE.matcher(node.asText()).matches()) {
            violations.add(new Violation("/submissionId", "must be a UUID such as 3f1c2a9e-7b4d-4e8a-9c21-5d6f0a1b2c3d"));
            return null;
        }
        String id = UUID.fromString(node.asText()).toString();
        if (NIL_UUID.equals(id)) {
            violations.add(new Violation("/submissionId", "must not be the nil UUID"));
            return null;
        }
        return id;
    }

    private static Map<String, Answer> answers(Questionnaire questionnaire, JsonNode answersNode, String onlyPage,
            List<Violation> violations) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answersNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String pointer = "/answers/" + escape(e.getKey());
            Question q = questionnaire.questions().get(e.getKey());
            if (q == null) {
                violations.add(new Violation(pointer, "is not a question of " + questionnaire.id() + " v" + questionnaire.version()));
                continue;
            }
            if (onlyPage != null && !onlyPage.equals(q.pageId())) {
                violations.add(new Violation(pointer, "is not a question of page " + onlyPage));
                continue;
            }
            Answer a = answer(q, e.getValue(), pointer, violations);
            if (a != null) {
                answers.put(q.id(), a);
            }
        }
        return answers;
    }

    private static Answer answer(Question q, JsonNode node, String pointer, List<Violation> violations) {
        if (node == null || !node.isObject()) {
            violations.add(new Violation(pointer, "must be {\"value\": ...} or {\"preferNotToSay\": true}"));
            return null;
        }
        JsonNode pnts = node.get("preferNotToSay");
        JsonNode value = node.get("value");
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("value") && !name.equals("preferNotToSay")) {
                violations.add(new Violation(pointer + "/" + escape(name), "unknown field"));
                return null;
            }
        }
        if (pnts != null) {
            if (value != null || !pnts.isBoolean() || !pnts.booleanValue()) {
                violations.add(new Violation(pointer, "\"preferNotToSay\" must be true and stand alone"));
                return null;
            }
            return Answer.PREFER_NOT_TO_SAY;
        }
        if (value == null || value.isNull()) {
            violations.add(new Violation(pointer + "/value", "is required (leave the question out when it is not answered)"));
            return null;
        }
        String vp = pointer + "/value";
        switch (q.type()) {
            case SINGLE_CHOICE, LOCAL_COUNCIL, ETHNICITY -> {
                if (!value.isTextual()) {
                    violations.add(new Violation(vp, "must be one option code"));
                    return null;
                }
                if (!q.codes().contains(value.asText())) {
                    violations.add(new Violation(vp, "is not an option of " + q.id()));
                    return null;
                }
                return Answer.codes(List.of(value.asText()));
            }
            case MULTIPLE_CHOICE -> {
                if (!value.isArray() || value.isEmpty()) {
                    violations.add(new Violation(vp, "must be a non-empty array of option codes"));
                    return null;
                }
                List<String> codes = new ArrayList<>(value.size());
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < value.size(); i++) {
                    JsonNode c = value.get(i);
                    if (!c.isTextual() || !q.codes().contains(c.asText())) {
                        violations.add(new Violation(vp + "/" + i, "is not an option of " + q.id()));
                        return null;
                    }
                    if (!seen.add(c.asText())) {
                        violations.add(new Violation(vp + "/" + i, "repeats an option"));
                        return null;
                    }
                    codes.add(c.asText());
                }
                return Answer.codes(codes);
            }
            case FREE_TEXT, SCHOOL -> {
                if (!value.isTextual() || value.asText().isBlank()) {
                    violations.add(new Violation(vp, "must be non-empty text"));
                    return null;
                }
                String text = value.asText().strip();
                if (text.codePointCount(0, text.length()) > q.maxLength()) {
                    violations.add(new Violation(vp, "is longer than " + q.maxLength() + " characters"));
                    return null;
                }
                return Answer.text(text);
            }
            case AGE -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    violations.add(new Violation(vp, "must be a whole number"));
                    return null;
                }
                int age = value.intValue();
                if (age < q.minValue() || age > q.maxValue()) {
                    violations.add(new Violation(vp, "must be between " + q.minValue() + " and " + q.maxValue() + " for this questionnaire"));
                    return null;
                }
                return Answer.number(age);
            }
            case POSTCODE -> {
                String canonical = value.isTextual() ? Postcodes.canonical(value.asText()) : null;
                if (canonical == null) {
                    violations.add(new Violation(vp, "is not a UK postcode (for example SW1A 2AA)"));
                    return null;
                }
                return Answer.text(canonical);
            }
            default -> throw new IllegalStateException("unhandled question type " + q.type());
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
