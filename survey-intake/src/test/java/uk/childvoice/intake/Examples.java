package uk.childvoice.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Example request bodies for tests. */
public final class Examples {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String POSTCODE = "SM3 8JD";
    public static final String SCHOOL = "Greenshaw High School";
    public static final String EMAIL = "sam.jones@example.com";
    public static final String PHONE = "07700 900123";

    private Examples() {
    }

    /** A fresh copy of {@code examples/complete-13-17.json}. */
    public static ObjectNode complete1317() {
        try (InputStream in = Examples.class.getResourceAsStream("/examples/complete-13-17.json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The complete example with a new random submission id. */
    public static ObjectNode fresh1317() {
        ObjectNode body = complete1317();
        body.put("submissionId", UUID.randomUUID().toString());
        return body;
    }

    public static ObjectNode answers(ObjectNode body) {
        return (ObjectNode) body.get("answers");
    }
}
