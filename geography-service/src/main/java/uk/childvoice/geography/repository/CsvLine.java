package uk.childvoice.geography.repository;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Splits one line of an RFC 4180 CSV file (quoted fields, doubled quotes; no line breaks inside
 * fields, which none of the ONS files have). Written here rather than taken from a CSV library
 * because the loader splits 2.7 M lines of 41-53 fields and wants no per-line allocations beyond the
 * field Strings; no library in the Quarkus BOM offers that.
 */
public final class CsvLine {
    private CsvLine() {
    }

    /** Splits {@code line} into {@code fields}, returning how many fields it had (may exceed the array). */
    public static int split(String line, String[] fields) {
        int count = 0;
        int i = 0;
        int length = line.length();
        StringBuilder quoted = null;
        while (true) {
            String value;
            if (i < length && line.charAt(i) == '"') {
                if (quoted == null) {
                    quoted = new StringBuilder();
                }
                quoted.setLength(0);
                i++;
                while (i < length) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < length && line.charAt(i + 1) == '"') {
                            quoted.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    quoted.append(c);
                    i++;
                }
                value = quoted.toString();
                while (i < length && line.charAt(i) != ',') {
                    i++;
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? length : comma;
                value = line.substring(i, end);
                i = end;
            }
            if (count < fields.length) {
                fields[count] = value;
            }
            count++;
            if (i >= length) {
                return count;
            }
            i++; // the comma
            if (i == length) {
                if (count < fields.length) {
                    fields[count] = "";
                }
                return count + 1;
            }
        }
    }

    /** All fields of a line (for headers and small files). */
    public static List<String> split(String line) {
        String[] fields = new String[256];
        int n = split(line, fields);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < Math.min(n, fields.length); i++) {
            out.add(fields[i]);
        }
        return out;
    }

    /** A UTF-8 reader over a plain or gzip stream (detected by its magic bytes, not the file name). */
    public static BufferedReader reader(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        InputStream data = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        return new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
    }
}
