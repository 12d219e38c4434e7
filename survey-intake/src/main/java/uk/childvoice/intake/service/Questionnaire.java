package uk.childvoice.intake.service;

import java.util.List;
import java.util.Map;

/**
 * A questionnaire variant at one version, parsed once at start: the questions for validation and
 * the rendered JSON the front end gets.
 *
 * @param questions  by id, in definition order
 * @param pageIds    page ids in order
 * @param definition the resolved definition (option sets inlined), serialised once
 */
public record Questionnaire(String id, int version, String title, boolean easyRead, int minAge, int maxAge,
        Map<String, Question> questions, List<String> pageIds, byte[] definition) {

    /** Questions of one page, in order. */
    public List<Question> page(String pageId) {
        return questions.values().stream().filter(q -> q.pageId().equals(pageId)).toList();
    }
}
