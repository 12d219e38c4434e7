package uk.childvoice.reporting.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/**
 * A de-identified response as the reporting service stores it (the entity; the Kafka event is
 * {@code DeidentifiedResponseEvent}), with the cube cells it contributes to.
 *
 * @param recordCell values of {@link uk.childvoice.reporting.service.Dimension} in declaration order
 * @param cubeOptions per closed question in the choice and pair cubes, in question order, the options
 *     the record counts under (its codes, or its missing-data code); the cells they make are
 *     {@link RecordCubes#add(ResponseRecord, int)}'s
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
        SortedMap<String, List<String>> cubeOptions) {

    /** One scrubbed free-text answer. */
    public record FreeTextAnswer(String questionId, String text, int redactions) {
    }
}
