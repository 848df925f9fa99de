package io.carbonpaper.reference;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one bundled catalog CSV (header row, {@code #} comments) into rows. A malformed bundled
 * catalog is a bug in carbonpaper, so it fails loudly with the resource and line.
 */
final class CatalogCsv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setCommentMarker('#').setIgnoreEmptyLines(true)
            .setTrim(true).get();

    private CatalogCsv() {}

    static <T> List<T> read(String resource, Function<CSVRecord, T> row) {
        try (InputStream in = CatalogCsv.class.getResourceAsStream("/catalog/" + resource)) {
            if (in == null) throw new IllegalStateException("bundled catalog missing: " + resource);
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, FORMAT)) {
                List<T> out = new ArrayList<>();
                for (CSVRecord rec : p) {
                    try {
                        out.add(row.apply(rec));
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("catalog/" + resource + ":" + rec.getParser().getCurrentLineNumber()
                                + ": " + e.getMessage(), e);
                    }
                }
                return List.copyOf(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Double optionalDouble(CSVRecord r, String column) {
        String v = r.isMapped(column) ? r.get(column) : "";
        return v == null || v.isBlank() ? null : Double.valueOf(v);
    }

    static int integer(CSVRecord r, String column) { return Integer.parseInt(r.get(column)); }
}
