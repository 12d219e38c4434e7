package uk.childvoice.benchmark.load;

import java.util.Map;

/** One HTTP request the driver sends: method, path relative to the target, headers, body (may be empty). */
public record PreparedRequest(String method, String path, Map<String, String> headers, byte[] body) {

    public static PreparedRequest postJson(String path, byte[] body) {
        return new PreparedRequest("POST", path, Map.of("Content-Type", "application/json"), body);
    }

    public PreparedRequest withHeader(String name, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new PreparedRequest(method, path, Map.copyOf(h), body);
    }
}
