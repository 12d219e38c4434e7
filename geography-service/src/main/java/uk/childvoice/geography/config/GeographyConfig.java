package uk.childvoice.geography.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the geography service, prefix {@code geography}. */
@ConfigMapping(prefix = "geography")
public interface GeographyConfig {

    /** Keys to decrypt the postcode on the raw topic. */
    FieldEncryption fieldEncryption();

    /** The postcode directory to load. */
    Directory directory();

    /** The prebuilt index file. */
    Snapshot snapshot();

    /** Where located responses are written. */
    Delivery delivery();

    /** Field-encryption keyring shared with survey-intake. */
    interface FieldEncryption {
        /** Id of the key new ciphertext is written with (must be in the keyring). */
        String activeKeyId();

        /** {@code id:base64[,id:base64...]} of 32-byte AES keys; from a Secret, never committed. */
        String keyring();
    }

    /** Where the directory comes from. */
    interface Directory {
        /**
         * A full ONS directory file (NSPL or ONSPD CSV, plain or gzip), e.g. {@code ONSPD_NOV_2025_UK.csv.gz}.
         * Empty (the default): the bundled NSPL November 2021 sample of 20 postcode areas.
         */
        Optional<Path> path();

        /**
         * The edition stamped on lookups, e.g. {@code ONSPD-2025-11}. Default: taken from the file
         * name (NSPL_NOV_2021_... gives NSPL-2021-11), else {@code unknown}.
         */
        Optional<String> edition();
    }

    /** The versioned index snapshot: start from it in seconds, reload it while running. */
    interface Snapshot {
        /**
         * Snapshot file. If it exists (and is not older than the directory file) the service starts
         * from it; if not, the service builds the index from the directory and writes it here.
         * Empty (the default): no snapshot.
         */
        Optional<Path> path();

        /** How often the snapshot (or, without one, the directory file) is checked for a new edition. */
        @WithDefault("60s")
        Duration checkInterval();
    }

    /** The located topic and the producer that writes it. */
    interface Delivery {
        /** Topic of located responses. */
        @WithDefault("survey.response.located.v1")
        String topic();

        /**
         * Producer settings applied over the shared {@code kafka.*} ones, e.g.
         * {@code geography.delivery.producer."linger.ms"=5}. {@code acks} and idempotence cannot be changed.
         */
        Map<String, String> producer();
    }
}
