package uk.childvoice.reporting.mapping;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

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

    private static final JsonFactory JSON = new JsonFactory();

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
        // The stored choices are written as they are mapped ({"question": {"status": ..., "codes": [...]}, ...}),
        // not built as maps first and then serialised: fewer short-lived objects for each record stored.
        SortedMap<String, List<String>> cubeOptions = new TreeMap<>();
        StringWriter choicesJson = new StringWriter(128 * choices.size() + 2);
        try (JsonGenerator json = JSON.createGenerator(choicesJson)) {
            json.writeStartObject();
            for (ChoiceAnswer answer : choices.values()) {
                String questionId = checkCategory(required(answer.getQuestionId(), "choices.questionId"), "choices.questionId");
                List<String> options = new ArrayList<>();
                if (answer.getStatus() == AnswerStatus.ANSWERED && !answer.getCodes().isEmpty()) {
                    for (String code : answer.getCodes()) {
                        if (!isCode(code)) {
                            throw new InvalidRecordException("choices." + questionId + " is not a valid code");
                        }
                        if (!options.contains(code)) {
                            options.add(code);
                        }
                    }
                } else {
                    options.add(answer.getStatus() == AnswerStatus.ANSWERED ? AnswerStatus.NOT_ANSWERED.name() : answer.getStatus().name());
                }
                json.writeObjectFieldStart(questionId);
                json.writeStringField("status", answer.getStatus().name());
                json.writeArrayFieldStart("codes");
                for (String option : options) {
                    json.writeString(option);
                }
                json.writeEndArray();
                json.writeEndObject();
                if (inQuestionCubes(questionId)) {
                    cubeOptions.put(questionId, options);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new InvalidRecordException("choices not serialisable");
        }
        List<ResponseRecord.FreeTextAnswer> freeText = new ArrayList<>();
        for (ScrubbedTextAnswer answer : event.getFreeText()) {
            if (answer.getStatus() == AnswerStatus.ANSWERED && answer.getText() != null && !answer.getText().isBlank()) {
                freeText.add(new ResponseRecord.FreeTextAnswer(answer.getQuestionId(), answer.getText(), answer.getRedactions()));
            }
        }
        return new ResponseRecord(responseId, questionnaireId, event.getQuestionnaireVersion(), event.getSubmittedOn(),
                ageStatus, event.getAge(), ageBand, ethnicityBroad, event.getSecureSetting(),
                area.getStatus().name(), area.getSource().name(), area.getRegion(), area.getLad(), area.getLadName(),
                area.getImdDecile(), area.getImdEdition(), area.getDataVersion(), choicesJson.toString(), recordKey, freeText,
                recordCell, cubeOptions);
    }

    /**
     * The cube contributions of a stored record, rebuilt from its record-cube coordinates and stored
     * choices: what retention subtracts and what an instance adds to its in-memory cubes for a record
     * another instance stored. Only the id, key and cells are filled in.
     */
    public static ResponseRecord contribution(String responseId, String[] recordCell, String choicesJson, int recordKey) {
        // Read with Jackson's streaming parser, not into a tree: every instance reads back every record
        // stored, and the tree (a node and a map entry per field, then copied out) was a tenth of the
        // reporting service's allocation in a replay (JFR), and with it of its young collections.
        SortedMap<String, List<String>> cubeOptions = new TreeMap<>();
        try (JsonParser json = JSON.createParser(choicesJson)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("stored choices are not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String questionId = json.currentName();
                json.nextToken();
                List<String> options = codes(json);
                if (inQuestionCubes(questionId)) {
                    cubeOptions.put(questionId, options);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored choices are not JSON", e);
        }
        return new ResponseRecord(responseId, null, 0, null, null, null, null, null, false, null, null, null, null,
                null, null, null, null, null, recordKey, List.of(), recordCell, cubeOptions);
    }

    /** The {@code codes} of one stored answer, the parser at its value, which it reads to the end. */
    private static List<String> codes(JsonParser json) throws IOException {
        List<String> options = new ArrayList<>(4);
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return options;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("codes") && value == JsonToken.START_ARRAY) {
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    options.add(json.currentToken().isScalarValue() ? json.getText() : "");
                    json.skipChildren();
                }
            } else {
                json.skipChildren();
            }
        }
        return options;
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
        if (!isCode(value)) {
            throw new InvalidRecordException(field + " is not a valid code");
        }
        return value;
    }

    // A loop, not value.chars().anyMatch(...): that stream was built for every value of every record, and its
    // objects were a tenth of the reporting service's allocation in a replay (JFR).
    private static boolean isCode(String value) {
        if (value.isEmpty() || value.length() > 100 || value.equals(RESPONDENTS)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String required(CharSequence value, String field) {
        if (value == null || value.toString().isBlank()) {
            throw new InvalidRecordException(field + " missing");
        }
        return value.toString();
    }

}
