package uk.childvoice.anonymiser.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import uk.childvoice.anonymiser.service.FreeTextScrubber;
import uk.childvoice.anonymiser.service.SafeguardingDetector;
import uk.childvoice.anonymiser.service.recognizer.Lexicon;
import uk.childvoice.contracts.crypto.FieldCipher;

/** Builds the heavy, thread-safe objects once: the word lists, the scrubber, and the two ciphers. */
@ApplicationScoped
public class AnonymiserBeans {
    public static final String FIELD_CIPHER = "field";
    public static final String FLAG_CIPHER = "flag";

    @Produces
    @ApplicationScoped
    Lexicon lexicon() {
        return Lexicon.load();
    }

    @Produces
    @ApplicationScoped
    FreeTextScrubber scrubber(Lexicon lexicon) {
        return new FreeTextScrubber(lexicon);
    }

    @Produces
    @ApplicationScoped
    SafeguardingDetector safeguardingDetector() {
        return SafeguardingDetector.load();
    }

    @Produces
    @ApplicationScoped
    @Named(FIELD_CIPHER)
    FieldCipher fieldCipher(AnonymiserConfig config) {
        return FieldCipher.fromKeyring(config.fieldEncryption().activeKeyId(), config.fieldEncryption().keyring());
    }

    @Produces
    @ApplicationScoped
    @Named(FLAG_CIPHER)
    FieldCipher flagCipher(AnonymiserConfig config) {
        return FieldCipher.fromKeyring(config.flagEncryption().activeKeyId(), config.flagEncryption().keyring());
    }
}
