package uk.childvoice.anonymiser;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.childvoice.contracts.crypto.FieldCipher;

/** Fresh field and flag keyrings for one test JVM, so no key is ever committed. */
public class TestKeys implements QuarkusTestResourceLifecycleManager {
    public static final String FIELD_KEY_ID = "test-field-1";
    public static final String FLAG_KEY_ID = "test-flag-1";
    private static final String FIELD_KEYRING = FIELD_KEY_ID + ":" + FieldCipher.generateKey();
    private static final String FLAG_KEYRING = FLAG_KEY_ID + ":" + FieldCipher.generateKey();

    /** What intake and geography would use to write the located topic. */
    public static FieldCipher fieldCipher() {
        return FieldCipher.fromKeyring(FIELD_KEY_ID, FIELD_KEYRING);
    }

    /** What the safeguarding team would use to read a flag. */
    public static FieldCipher flagCipher() {
        return FieldCipher.fromKeyring(FLAG_KEY_ID, FLAG_KEYRING);
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "anonymiser.field-encryption.active-key-id", FIELD_KEY_ID,
                "anonymiser.field-encryption.keyring", FIELD_KEYRING,
                "anonymiser.flag-encryption.active-key-id", FLAG_KEY_ID,
                "anonymiser.flag-encryption.keyring", FLAG_KEYRING);
    }

    @Override
    public void stop() {
    }
}
