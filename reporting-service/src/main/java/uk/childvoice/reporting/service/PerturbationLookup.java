package uk.childvoice.reporting.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** A perturbation table: the noise v for a cell of count n and integer cell key ck in 0..keySpace-1. */
public interface PerturbationLookup {

    int perturbation(long n, int ck, int keySpace);

    /**
     * Loads a table from the classpath, in either form: sdcTools interval form (header i,j,p,v,…) or ONS
     * integer form (header pcv,ckey,pvalue); {@code .gz} resources are decompressed.
     */
    static PerturbationLookup fromResource(String resource) {
        InputStream in = PerturbationLookup.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("perturbation table not found on the classpath: " + resource);
        }
        try (InputStream raw = resource.endsWith(".gz") ? new GZIPInputStream(in) : in) {
            byte[] bytes = raw.readAllBytes();
            String header = new String(bytes, 0, Math.min(bytes.length, 200), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().findFirst().orElse("").replace("\"", "");
            if (header.startsWith("pcv,")) {
                return OnsPerturbationTable.parse(new java.io.ByteArrayInputStream(bytes));
            }
            return PerturbationTable.parse(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read perturbation table " + resource, e);
        }
    }
}
