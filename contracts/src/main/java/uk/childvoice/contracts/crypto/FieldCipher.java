package uk.childvoice.contracts.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import uk.childvoice.contracts.v1.EncryptedValue;

/**
 * AES-256-GCM encryption of the personal fields on the raw and located topics (postcode, school,
 * free text). Encrypts with the active key and decrypts with any key in the ring, so keys rotate by
 * adding a new key, making it active, and removing the old one once the raw topic's retention has
 * passed. The associated data is {@code responseId + '/' + field}, so a ciphertext moved to another
 * response or field fails to decrypt. Thread-safe.
 */
public final class FieldCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
    });

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;

    /**
     * @param activeKeyId the key new values are encrypted with
     * @param base64Keys  key id to base64 of a 32-byte key
     */
    public FieldCipher(String activeKeyId, Map<String, String> base64Keys) {
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        if (base64Keys == null || base64Keys.isEmpty()) {
            throw new IllegalArgumentException("no field-encryption keys configured");
        }
        java.util.HashMap<String, SecretKey> ring = new java.util.HashMap<>();
        base64Keys.forEach((id, b64) -> {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(b64.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field-encryption key '" + id + "' is not base64");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("field-encryption key '" + id + "' must be 32 bytes, is " + raw.length);
            }
            ring.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!ring.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active field-encryption key '" + activeKeyId + "' is not in the keyring " + ring.keySet());
        }
        this.activeKeyId = activeKeyId;
        this.keys = Map.copyOf(ring);
    }

    /**
     * Builds a cipher from one configuration string, {@code id:base64[,id:base64...]}, so that the
     * whole keyring fits in one environment variable or Kubernetes Secret key.
     */
    public static FieldCipher fromKeyring(String activeKeyId, String keyring) {
        if (keyring == null || keyring.isBlank()) {
            throw new IllegalArgumentException("no field-encryption keys configured");
        }
        java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
        for (String entry : keyring.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("keyring entries must look like id:base64");
            }
            keys.put(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        return new FieldCipher(activeKeyId, keys);
    }

    /** A fresh random 32-byte key, base64-encoded: for the local stack and tests. */
    public static String generateKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public EncryptedValue encrypt(String plaintext, String responseId, String field) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(responseId, field));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new EncryptedValue(activeKeyId, ByteBuffer.wrap(nonce), ByteBuffer.wrap(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("field encryption failed", e);
        }
    }

    /** Decrypts, or throws {@link FieldDecryptionException} (unknown key, tampered, or wrong response/field). */
    public String decrypt(EncryptedValue value, String responseId, String field) {
        SecretKey key = keys.get(value.getKeyId());
        if (key == null) {
            throw new FieldDecryptionException("field " + field + " encrypted with unknown key id '" + value.getKeyId() + "'");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes(value.getNonce())));
            cipher.updateAAD(aad(responseId, field));
            return new String(cipher.doFinal(bytes(value.getCiphertext())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new FieldDecryptionException("field " + field + " failed authentication");
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    private static byte[] aad(String responseId, String field) {
        return (responseId + '/' + field).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
