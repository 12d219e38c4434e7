package uk.childvoice.geography.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.childvoice.contracts.crypto.FieldCipher;

/** A fresh field-encryption keyring per test JVM (no key is committed), the same one intake would use. */
public class FieldKeysResource implements QuarkusTestResourceLifecycleManager {
    public static final String KEY_ID = "test-1";
    private static final String KEY = FieldCipher.generateKey();

    public static String key() {
        return KEY;
    }

    /** The cipher a producer (survey-intake) would encrypt with. */
    public static FieldCipher cipher() {
        return FieldCipher.fromKeyring(KEY_ID, KEY_ID + ":" + KEY);
    }

    @Override
    public Map<String, String> start() {
        return Map.of("geography.field-encryption.active-key-id", KEY_ID,
                "geography.field-encryption.keyring", KEY_ID + ":" + KEY);
    }

    @Override
    public void stop() {
    }
}
