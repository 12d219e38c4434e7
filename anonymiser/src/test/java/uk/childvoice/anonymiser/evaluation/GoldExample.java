package uk.childvoice.anonymiser.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One gold sentence: {@code {"text", "spans": [{"start","end","type"}], "ignore": [...]}}. Spans in
 * {@code ignore} are entities the scrubber deliberately keeps (towns, organisations, dates in the
 * Presidio set; LOC/ORG in the Twitter corpus): a prediction on them counts neither way.
 */
public record GoldExample(String text, List<Span> spans, List<Span> ignore) {

    /** A labelled character range [start, end). */
    public record Span(int start, int end, String type) {
    }

    public GoldExample lowerCased() {
        return new GoldExample(text.toLowerCase(Locale.ROOT), spans, ignore);
    }

    public static List<GoldExample> readJsonl(String resource) {
        ObjectMapper json = new ObjectMapper();
        List<GoldExample> out = new ArrayList<>();
        try (InputStream in = GoldExample.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no gold file " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                out.add(new GoldExample(node.get("text").asText(), spans(node.get("spans")), spans(node.get("ignore"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<Span> spans(JsonNode array) {
        List<Span> spans = new ArrayList<>();
        if (array != null) {
            for (JsonNode s : array) {
                spans.add(new Span(s.get("start").asInt(), s.get("end").asInt(), s.get("type").asText()));
            }
        }
        return spans;
    }
}
