package uk.childvoice.geography.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import uk.childvoice.geography.repository.DirectoryLoader;
import uk.childvoice.geography.repository.PostcodeIndex;
import uk.childvoice.geography.repository.ReferenceData;

/** The bundled NSPL sample and reference tables, loaded once per test JVM for the plain unit tests. */
public final class SampleIndex {
    public static final String NSPL_SAMPLE = "data/geography/nspl_nov2021_sample/nspl_nov2021_uk_20areas.csv.gz";
    private static ReferenceData reference;
    private static PostcodeIndex nspl;

    private SampleIndex() {
    }

    public static synchronized ReferenceData reference() {
        if (reference == null) {
            reference = ReferenceData.load();
        }
        return reference;
    }

    public static synchronized PostcodeIndex nspl() {
        if (nspl == null) {
            nspl = load(NSPL_SAMPLE, "NSPL-2021-11");
        }
        return nspl;
    }

    public static PostcodeIndex load(String resource, String edition) {
        try (InputStream in = resource(resource)) {
            return new DirectoryLoader(reference()).load(in, edition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InputStream resource(String name) {
        InputStream in = SampleIndex.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}
