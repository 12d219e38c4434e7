package uk.childvoice.geography.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import uk.childvoice.contracts.Topics;
import uk.childvoice.geography.config.GeographyConfig;

/** A {@link GeographyConfig} for plain unit tests. */
public record TestConfig(Optional<Path> directoryPath, Optional<String> directoryEdition, Optional<Path> snapshotPath)
        implements GeographyConfig {

    public static TestConfig bundled() {
        return new TestConfig(Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public FieldEncryption fieldEncryption() {
        return new FieldEncryption() {
            @Override
            public String activeKeyId() {
                return FieldKeysResource.KEY_ID;
            }

            @Override
            public String keyring() {
                return FieldKeysResource.KEY_ID + ":" + FieldKeysResource.key();
            }
        };
    }

    @Override
    public Directory directory() {
        return new Directory() {
            @Override
            public Optional<Path> path() {
                return directoryPath;
            }

            @Override
            public Optional<String> edition() {
                return directoryEdition;
            }
        };
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot() {
            @Override
            public Optional<Path> path() {
                return snapshotPath;
            }

            @Override
            public Duration checkInterval() {
                return Duration.ofSeconds(60);
            }
        };
    }

    @Override
    public Delivery delivery() {
        return new Delivery() {
            @Override
            public String topic() {
                return Topics.LOCATED;
            }

            @Override
            public Map<String, String> producer() {
                return Map.of();
            }
        };
    }
}
