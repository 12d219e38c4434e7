package uk.childvoice.reporting.repository;

import java.time.LocalDate;
import java.util.List;

/**
 * A de-identified response as the reporting service stores it (the entity; the Kafka event is
 * {@code DeidentifiedResponseEvent}), with the cube cells it contributes to.
 *
 * @param recordCell values of {@link uk.childvoice.reporting.service.Dimension} in declaration order
 * @param choiceCells (question, option, broad dimensions…) cells, one per selected option plus one
 *     {@code *} cell per question answered or declined, for the respondent base
 * @param pairCells (question a, option a, question b, option b, questionnaire) cells for every two
 *     closed questions a &lt; b, options including {@code *}; made as they are iterated
 */
public record ResponseRecord(
        String responseId,
        String questionnaireId,
        int questionnaireVersion,
        LocalDate submittedOn,
        String ageStatus,
        Integer age,
        String ageBand,
        String ethnicityBroad,
        boolean secureSetting,
        String geographyStatus,
        String geographySource,
        String region,
        String lad,
        String ladName,
        Integer imdDecile,
        String imdEdition,
        String dataVersion,
        String choicesJson,
        int recordKey,
        List<FreeTextAnswer> freeText,
        String[] recordCell,
        List<String[]> choiceCells,
        Iterable<String[]> pairCells) {

    /** One scrubbed free-text answer. */
    public record FreeTextAnswer(String questionId, String text, int redactions) {
    }
}
