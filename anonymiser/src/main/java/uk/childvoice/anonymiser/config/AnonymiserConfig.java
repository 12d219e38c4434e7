package uk.childvoice.anonymiser.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the anonymiser (prefix {@code anonymiser}). Keys come from a Secret; none has a default. */
@ConfigMapping(prefix = "anonymiser")
public interface AnonymiserConfig {

    /** Keys that decrypt the free text and school on the located topic (shared with intake and geography). */
    Keyring fieldEncryption();

    /** The safeguarding team's key, used to encrypt the raw text carried by a flag. */
    Keyring flagEncryption();

    /** Time zone in which the submission day ({@code submittedOn}) is taken. */
    @WithDefault("Europe/London")
    String timeZone();

    /** One AES keyring: {@code keyring} is {@code id:base64[,id:base64...]} of 32-byte keys. */
    interface Keyring {
        /** Id of the key new ciphertext is written with. */
        String activeKeyId();

        /** All keys that may still be needed to decrypt, as {@code id:base64[,id:base64...]}. */
        String keyring();
    }
}
