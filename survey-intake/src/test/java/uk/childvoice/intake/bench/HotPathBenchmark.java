package uk.childvoice.intake.bench;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.intake.Examples;
import uk.childvoice.intake.mapping.RawResponseEventMapper;
import uk.childvoice.intake.service.QuestionnaireCatalog;
import uk.childvoice.intake.service.ResponseValidator;
import uk.childvoice.intake.service.ValidatedResponse;

/**
 * Prints the CPU cost of intake's per-request work on one thread: parse the JSON body, validate it,
 * encrypt the personal fields and encode the Avro event. Run by hand (not part of the test suite):
 * {@code java -cp <test classpath> uk.childvoice.intake.bench.HotPathBenchmark}.
 */
public final class HotPathBenchmark {
    private HotPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ResponseValidator validator = new ResponseValidator(new QuestionnaireCatalog(mapper));
        RawResponseEventMapper events = new RawResponseEventMapper(FieldCipher.fromKeyring("k1", "k1:" + FieldCipher.generateKey()));
        byte[] body = mapper.writeValueAsBytes(Examples.complete1317());
        long bytes = 0;
        for (int round = 0; round < 5; round++) {
            int n = round < 2 ? 20_000 : 100_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                JsonNode node = mapper.readTree(body);
                ValidatedResponse r = validator.validate("13-17", node);
                bytes += EventCodec.RAW.encode(events.toEvent(r, Instant.now())).length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round >= 2) {
                System.out.printf("round %d: %,.0f responses/s on one thread (%.1f µs each)%n", round, n / seconds, seconds * 1e6 / n);
            }
        }
        System.out.println("(event bytes total " + bytes + ")");
    }
}
