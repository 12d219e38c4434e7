package uk.childvoice.reporting.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, with one entry per invalid parameter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<InvalidParam> invalidParams) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid request parameter. */
    public record InvalidParam(String name, String reason) {
    }
}
