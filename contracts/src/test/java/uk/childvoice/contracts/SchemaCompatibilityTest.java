package uk.childvoice.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.SchemaHistory;

/** Producers and consumers cannot drift: every released schema and the current one read each other's data. */
class SchemaCompatibilityTest {

    static Stream<EventCodec<?>> codecs() {
        return Stream.of(EventCodec.RAW, EventCodec.LOCATED, EventCodec.DEIDENTIFIED, EventCodec.SAFEGUARDING_FLAG);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void everyEventHasAReleasedVersion(EventCodec<?> codec) {
        assertThat(SchemaHistory.of(codec.schema().getName())).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void currentSchemaReadsEveryReleasedVersionAndTheyReadIt(EventCodec<?> codec) {
        Schema current = codec.schema();
        for (Schema released : SchemaHistory.of(current.getName())) {
            assertThat(compatibility(current, released))
                    .as("new consumers read data from %s as released", current.getName())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertThat(compatibility(released, current))
                    .as("consumers of the released %s read data from new producers", current.getName())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void aFieldAddedWithoutDefaultIsCaughtAsIncompatible() {
        Schema released = SchemaHistory.of("RawResponseEvent").get(0);
        List<Schema.Field> fields = released.getFields().stream()
                .map(f -> new Schema.Field(f, f.schema()))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        fields.add(new Schema.Field("mandatoryNewField", SchemaBuilder.builder().stringType(), null, (Object) null));
        Schema drifted = Schema.createRecord(released.getName(), null, released.getNamespace(), false, fields);

        assertThat(compatibility(drifted, released)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }
}
