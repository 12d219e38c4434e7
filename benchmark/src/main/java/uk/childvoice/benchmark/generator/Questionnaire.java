package uk.childvoice.benchmark.generator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One questionnaire variant (id and version) with its age band and its questions in page order. */
public record Questionnaire(String id, int version, String respondent, boolean easyRead, int minAge, int maxAge,
        List<Question> questions) {

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /** Questions keyed by id, in page order. */
    public Map<String, Question> byId() {
        Map<String, Question> m = new java.util.LinkedHashMap<>();
        questions.forEach(q -> m.put(q.id(), q));
        return m;
    }
}
