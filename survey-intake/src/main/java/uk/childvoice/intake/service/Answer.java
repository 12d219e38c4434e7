package uk.childvoice.intake.service;

import java.util.List;

import uk.childvoice.contracts.v1.AnswerStatus;

/**
 * One validated answer: answered (with exactly one of text, number or codes), or "I don't want to say".
 * A question with no {@code Answer} was not answered.
 */
public record Answer(AnswerStatus status, String text, Integer number, List<String> codes) {

    public static final Answer PREFER_NOT_TO_SAY = new Answer(AnswerStatus.PREFER_NOT_TO_SAY, null, null, List.of());

    public static Answer text(String text) {
        return new Answer(AnswerStatus.ANSWERED, text, null, List.of());
    }

    public static Answer number(int number) {
        return new Answer(AnswerStatus.ANSWERED, null, number, List.of());
    }

    public static Answer codes(List<String> codes) {
        return new Answer(AnswerStatus.ANSWERED, null, null, List.copyOf(codes));
    }
}
