package uk.childvoice.benchmark.generator;

import java.util.List;
import java.util.Optional;

/** One questionnaire variant (id and version) with its age band and its questions in page order. */
public record Questionnaire(String id, int version, String respondent, boolean easyRead, int minAge, int maxAge,
        List<Question> questions) {

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }
}
