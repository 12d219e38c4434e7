package uk.childvoice.intake.service;

/**
 * One invalid field, named by a JSON pointer into the request body. The detail never repeats the
 * submitted value, so a problem report can be logged or shown without leaking an answer.
 */
public record Violation(String pointer, String detail) {
}
