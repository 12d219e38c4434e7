package uk.childvoice.launcher;

import java.security.SecureRandom;

/** Random secrets generated at each start: nothing secret is ever committed. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    // No 0/O, 1/l/I: demo passwords are read off a terminal and typed.
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private Secrets() {
    }

    public static String password(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
