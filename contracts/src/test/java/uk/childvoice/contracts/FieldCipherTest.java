package uk.childvoice.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.contracts.crypto.FieldDecryptionException;
import uk.childvoice.contracts.v1.EncryptedValue;

class FieldCipherTest {
    private final String oldKey = FieldCipher.generateKey();
    private final String newKey = FieldCipher.generateKey();

    @Test
    void decryptsWhatItEncrypted() {
        FieldCipher cipher = new FieldCipher("k1", Map.of("k1", oldKey));

        EncryptedValue value = cipher.encrypt("TR18 2BU", "resp-1", "postcode");

        assertThat(cipher.decrypt(value, "resp-1", "postcode")).isEqualTo("TR18 2BU");
        assertThat(new String(value.getCiphertext().array())).doesNotContain("TR18");
    }

    @Test
    void ciphertextMovedToAnotherResponseOrFieldFailsAuthentication() {
        FieldCipher cipher = new FieldCipher("k1", Map.of("k1", oldKey));
        EncryptedValue value = cipher.encrypt("TR18 2BU", "resp-1", "postcode");

        assertThatThrownBy(() -> cipher.decrypt(value, "resp-2", "postcode")).isInstanceOf(FieldDecryptionException.class);
        assertThatThrownBy(() -> cipher.decrypt(value, "resp-1", "school"))
                .isInstanceOf(FieldDecryptionException.class)
                .hasMessageNotContaining("TR18");
    }

    @Test
    void rotationKeepsOldCiphertextReadableWhileNewValuesUseTheNewKey() {
        EncryptedValue beforeRotation = new FieldCipher("k1", Map.of("k1", oldKey)).encrypt("a", "r", "f");
        FieldCipher rotated = new FieldCipher("k2", Map.of("k1", oldKey, "k2", newKey));

        EncryptedValue afterRotation = rotated.encrypt("b", "r", "f");

        assertThat(afterRotation.getKeyId()).isEqualTo("k2");
        assertThat(rotated.decrypt(beforeRotation, "r", "f")).isEqualTo("a");
        assertThatThrownBy(() -> new FieldCipher("k2", Map.of("k2", newKey)).decrypt(beforeRotation, "r", "f"))
                .isInstanceOf(FieldDecryptionException.class)
                .hasMessageContaining("unknown key id 'k1'");
    }

    @Test
    void keyringStringHoldsSeveralKeys() {
        FieldCipher cipher = FieldCipher.fromKeyring("k2", "k1:" + oldKey + ", k2:" + newKey);
        EncryptedValue old = new FieldCipher("k1", Map.of("k1", oldKey)).encrypt("x", "r", "f");

        assertThat(cipher.activeKeyId()).isEqualTo("k2");
        assertThat(cipher.decrypt(old, "r", "f")).isEqualTo("x");
        assertThatThrownBy(() -> FieldCipher.fromKeyring("k1", "k1=" + oldKey)).hasMessageContaining("id:base64");
    }

    @Test
    void refusesAMisconfiguredKeyring() {
        assertThatThrownBy(() -> new FieldCipher("k9", Map.of("k1", oldKey))).hasMessageContaining("not in the keyring");
        assertThatThrownBy(() -> new FieldCipher("k1", Map.of("k1", "c2hvcnQ="))).hasMessageContaining("must be 32 bytes");
    }
}
