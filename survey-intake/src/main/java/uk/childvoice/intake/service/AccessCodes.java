package uk.childvoice.intake.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Save-and-resume access codes and what is derived from them.
 *
 * <p>A code is 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V pairs), shown
 * in groups of four: {@code K7QM-3XPA-WN4R-ZH9C}, about 78 bits from {@link SecureRandom}. The server
 * keeps only {@link #lookupHash} of it; the saved answers are AES-256-GCM under {@link #answersKey},
 * a different derivation, so a database reader can neither find the code nor decrypt the answers.
 * With 78 random bits a fast derivation (SHA-256 / HMAC) is enough; a slow password hash only
 * helps low-entropy secrets and would cost CPU on every page save.
 */
public final class AccessCodes {
    /** 30 symbols: A-Z without I, L, O, U; digits 2-9. */
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    private AccessCodes() {
    }

    /** A new code of {@code groups} groups of four characters, hyphen-separated. */
    public static String generate(int groups) {
        StringBuilder b = new StringBuilder(groups * 5);
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                b.append('-');
            }
            for (int i = 0; i < 4; i++) {
                b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }

    /**
     * The canonical form of a typed code (upper case, no spaces or hyphens), or null when it cannot be
     * a code. Lower case, spaces and hyphens are forgiven: people read codes aloud and retype them.
     */
    public static String normalise(String typed, int groups) {
        if (typed == null || typed.length() > groups * 8) {
            return null;
        }
        StringBuilder b = new StringBuilder(groups * 4);
        for (int i = 0; i < typed.length(); i++) {
            char c = Character.toUpperCase(typed.charAt(i));
            if (c == '-' || c == ' ') {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
            b.append(c);
        }
        return b.length() == groups * 4 ? b.toString() : null;
    }

    /** What the database stores instead of the code. */
    public static byte[] lookupHash(String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("childvoice/session-lookup/v1\0".getBytes(StandardCharsets.US_ASCII));
            return sha.digest(canonical.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short non-reversible key for in-memory rate-limit buckets. */
    public static String bucketKey(byte[] lookupHash) {
        return java.util.HexFormat.of().formatHex(lookupHash, 0, 16);
    }

    /** Encrypts saved answers under a key only the code holder can derive; the row's hash is the associated data. */
    public static byte[] seal(String canonical, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, answersKey(canonical), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(lookupHash(canonical));
            byte[] ct = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("session encryption failed", e);
        }
    }

    /** Decrypts what {@link #seal} produced with the same code. */
    public static byte[] open(String canonical, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, answersKey(canonical), new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(lookupHash(canonical));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("session decryption failed", e);
        }
    }

    private static SecretKeySpec answersKey(String canonical) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(canonical.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal("childvoice/session-answers/v1".getBytes(StandardCharsets.US_ASCII)), "AES");
    }

}
