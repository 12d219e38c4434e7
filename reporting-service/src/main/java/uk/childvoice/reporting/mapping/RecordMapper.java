package uk.childvoice.reporting.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.childvoice.contracts.QuestionIds;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.ChoiceAnswer;
import uk.childvoice.contracts.v1.DeidentifiedArea;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.ScrubbedTextAnswer;
import uk.childvoice.reporting.repository.ResponseRecord;
import uk.childvoice.reporting.service.Dimension;

/**
 * Turns a de-identified event into the stored record and its cube cells. Missing data keep their
 * typed codes ({@code PREFER_NOT_TO_SAY}, {@code NOT_ANSWERED}, {@code NOT_ASKED}) as categories of
 * their own, so "I don't want to say" is counted apart from "not answered".
 */
public final class RecordMapper {
    /** The option code of the respondent-base cell of a closed question. */
    public static final String RESPONDENTS = "*";
    /** A single-choice question answered with more than one code. */
    public static final String MULTIPLE = "MULTIPLE";
    /** An area value withheld for a child in a secure setting (region only is kept). */
    public static final String NOT_PUBLISHED = "NOT_PUBLISHED";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordMapper() {
    }

    /** Maps the event, or throws {@link InvalidRecordException} naming the bad field. */
    public static ResponseRecord map(DeidentifiedResponseEvent event, int keySpace) {
        String responseId = required(event.getResponseId(), "responseId");
        if (responseId.length() > 100) {
            throw new InvalidRecordException("responseId longer than 100 characters");
        }
        String questionnaireId = required(event.getQuestionnaireId(), "questionnaireId");
        int recordKey = event.getRecordKey();
        if (recordKey < 0 || recordKey >= keySpace) {
            throw new InvalidRecordException("recordKey outside 0.." + (keySpace - 1));
        }
        DeidentifiedArea area = event.getArea();
        if (area == null) {
            throw new InvalidRecordException("area missing");
        }
        Map<String, ChoiceAnswer> choices = new LinkedHashMap<>();
        for (ChoiceAnswer answer : event.getChoices()) {
            choices.put(answer.getQuestionId(), answer);
        }
        String ageStatus = event.getAgeStatus().name();
        String ageValue = event.getAgeStatus() == AnswerStatus.ANSWERED && event.getAge() != null
                ? Integer.toString(event.getAge()) : ageStatus;
        String ageBand = event.getAgeBand() != null ? event.getAgeBand() : ageStatus;
        String ethnicity = single(choices.get(QuestionIds.ETHNICITY));
        String ethnicityBroad = event.getEthnicityBroad() != null ? event.getEthnicityBroad() : ethnicity;
        String region = area.getRegion() != null ? area.getRegion() : area.getStatus().name();
        String lad = area.getLad() != null ? area.getLad()
                : area.getRegion() != null ? NOT_PUBLISHED : area.getStatus().name();
        String imd = area.getImdDecile() != null ? Integer.toString(area.getImdDecile())
                : area.getRegion() != null ? NOT_PUBLISHED : area.getStatus().name();

        String[] recordCell = new String[Dimension.values().length];
        recordCell[Dimension.QUESTIONNAIRE.ordinal()] = questionnaireId;
        recordCell[Dimension.AGE.ordinal()] = ageValue;
        recordCell[Dimension.AGE_BAND.ordinal()] = ageBand;
        recordCell[Dimension.GENDER.ordinal()] = single(choices.get(QuestionIds.GENDER));
        recordCell[Dimension.ETHNICITY.ordinal()] = ethnicity;
        recordCell[Dimension.ETHNICITY_BROAD.ordinal()] = ethnicityBroad;
        recordCell[Dimension.LIVING_SITUATION.ordinal()] = single(choices.get(QuestionIds.LIVING_SITUATION));
        recordCell[Dimension.REGION.ordinal()] = region;
        recordCell[Dimension.LOCAL_AUTHORITY.ordinal()] = lad;
        recordCell[Dimension.IMD_DECILE.ordinal()] = imd;

        for (Dimension d : Dimension.values()) {
            checkCategory(recordCell[d.ordinal()], d.apiName());
        }
        Map<String, Object> choicesForStorage = new LinkedHashMap<>();
        SortedMap<String, List<String>> cubeOptions = new TreeMap<>();
        for (ChoiceAnswer answer : choices.values()) {
            String questionId = checkCategory(required(answer.getQuestionId(), "choices.questionId"), "choices.questionId");
            List<String> options = new ArrayList<>();
            if (answer.getStatus() == AnswerStatus.ANSWERED && !answer.getCodes().isEmpty()) {
                for (String code : answer.getCodes()) {
                    String option = checkCategory(code, "choices." + questionId);
                    if (!options.contains(option)) {
                        options.add(option);
                    }
                }
            } else {
                options.add(answer.getStatus() == AnswerStatus.ANSWERED ? AnswerStatus.NOT_ANSWERED.name() : answer.getStatus().name());
            }
            choicesForStorage.put(questionId, Map.of("status", answer.getStatus().name(), "codes", options));
            if (inQuestionCubes(questionId)) {
                cubeOptions.put(questionId, options);
            }
        }
        List<ResponseRecord.FreeTextAnswer> freeText = new ArrayList<>();
        for (ScrubbedTextAnswer answer : event.getFreeText()) {
            if (answer.getStatus() == AnswerStatus.ANSWERED && answer.getText() != null && !answer.getText().isBlank()) {
                freeText.add(new ResponseRecord.FreeTextAnswer(answer.getQuestionId(), answer.getText(), answer.getRedactions()));
            }
        }
        String choicesJson;
        try {
            choicesJson = JSON.writeValueAsString(choicesForStorage);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("choices not serialisable");
        }
        return new ResponseRecord(responseId, questionnaireId, event.getQuestionnaireVersion(), event.getSubmittedOn(),
                ageStatus, event.getAge(), ageBand, ethnicityBroad, event.getSecureSetting(),
                area.getStatus().name(), area.getSource().name(), area.getRegion(), area.getLad(), area.getLadName(),
                area.getImdDecile(), area.getImdEdition(), area.getDataVersion(), choicesJson, recordKey, freeText,
                recordCell, cubeOptions);
    }

    /**
     * The cube contributions of a stored record, rebuilt from its record-cube coordinates and stored
     * choices: what retention subtracts and what an instance adds to its in-memory cubes for a record
     * another instance stored. Only the id, key and cells are filled in.
     */
    public static ResponseRecord contribution(String responseId, String[] recordCell, String choicesJson, int recordKey) {
        SortedMap<String, List<String>> cubeOptions = new TreeMap<>();
        try {
            JSON.readTree(choicesJson).fields().forEachRemaining(entry -> {
                if (inQuestionCubes(entry.getKey())) {
                    List<String> options = new ArrayList<>();
                    entry.getValue().path("codes").forEach(code -> options.add(code.asText()));
                    cubeOptions.put(entry.getKey(), options);
                }
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored choices are not JSON", e);
        }
        return new ResponseRecord(responseId, null, 0, null, null, null, null, null, false, null, null, null, null,
                null, null, null, null, null, recordKey, List.of(), recordCell, cubeOptions);
    }

    /**
     * Whether a closed question has cells in the choice and pair cubes. The local council a child names
     * does not: geography-service resolves it into the local-authority dimension (the record cube has
     * it), and as a question crossed with every other one it was most of the pair cube's cells and of
     * the cube writes at ingestion, for a table that only covers the children who gave no postcode.
     */
    public static boolean inQuestionCubes(String questionId) {
        return !QuestionIds.LOCAL_COUNCIL.equals(questionId);
    }

    /** The value of a single-choice question as a category: its code, MULTIPLE, or the missing-data code. */
    static String single(ChoiceAnswer answer) {
        if (answer == null) {
            return AnswerStatus.NOT_ASKED.name();
        }
        if (answer.getStatus() != AnswerStatus.ANSWERED) {
            return answer.getStatus().name();
        }
        List<String> codes = answer.getCodes();
        if (codes.isEmpty()) {
            return AnswerStatus.NOT_ANSWERED.name();
        }
        return codes.size() == 1 ? codes.get(0) : MULTIPLE;
    }

    /** Categories are codes: short, printable, never the '*' of the respondent base. */
    private static String checkCategory(String value, String field) {
        if (value.isEmpty() || value.length() > 100 || value.equals(RESPONDENTS)
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidRecordException(field + " is not a valid code");
        }
        return value;
    }

    private static String required(CharSequence value, String field) {
        if (value == null || value.toString().isBlank()) {
            throw new InvalidRecordException(field + " missing");
        }
        return value.toString();
    }

}
