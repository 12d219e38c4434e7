package uk.childvoice.contracts.crypto;

/** A field that cannot be decrypted; the message names the field and key id, never the value. */
public class FieldDecryptionException extends RuntimeException {
    public FieldDecryptionException(String reason) {
        super(reason, null, false, false);
    }
}
