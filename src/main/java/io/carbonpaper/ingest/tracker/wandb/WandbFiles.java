package io.carbonpaper.ingest.tracker.wandb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.tracker.TrackerFolders;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What the readers of a W&B run's {@code files/} share: bounded JSON parsing, UTC times, the run's experiment folder. */
final class WandbFiles {
    /** W&B's own JSON files are kilobytes; a larger one is refused rather than held in memory. */
    static final int MAX_JSON_BYTES = 16 << 20;
    /**
     * Nesting, number and string lengths bounded far below Jackson's defaults: W&B's files nest a
     * few levels and hold short values, so a JSON bomb (deep nesting, a 100,000-digit number, a
     * 15 MB string) is refused with a message rather than built in memory.
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxNumberLength(64).maxStringLength(1 << 20).maxNameLength(4096).build())
            .build());

    private WandbFiles() {}

    static JsonNode readJson(InputSource source) throws IOException {
        try (InputStream in = source.open()) {
            byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) throw new InputException(0, "larger than " + (MAX_JSON_BYTES >> 20) + " MiB; not a W&B run file");
            if (bytes.length == 0) throw new InputException(0, "empty file; expected a JSON object");
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) throw new InputException(1, "expected a JSON object");
            return n;
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new InputException(line, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The first non-blank character of the head is '{'. */
    static boolean looksLikeJsonObject(InputSource source) {
        String h = source.headText().stripLeading();
        return h.startsWith("{");
    }

    /**
     * A W&B time as UTC: RFC 3339 with a zone ({@code 2025-08-20T03:40:11.070698Z}), or the legacy
     * writer's ISO time without a zone, which is UTC ({@code datetime.utcnow().isoformat()}).
     */
    static Optional<Instant> utc(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** A number that may be written as a JSON number or, by protojson for 64-bit fields, as a string. */
    static Optional<Double> number(JsonNode n) {
        if (n == null || n.isNull()) return Optional.empty();
        if (n.isNumber()) return Double.isFinite(n.asDouble()) ? Optional.of(n.asDouble()) : Optional.empty(); // 1e9999 reads as infinity
        if (n.isTextual()) {
            double d = WandbRunLogReader.number(n.asText());
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The first field present among names (the three key styles of one value). */
    static JsonNode field(JsonNode o, String... names) {
        for (String name : names) {
            JsonNode n = o.get(name);
            if (n != null && !n.isNull()) return n;
        }
        return null;
    }

    /**
     * The TPU generation wandb-core writes ("v4", "v5e", "v6e", "7x") as the hardware catalog
     * spells it ("TPU v4", "TPU7x"); empty for a blank or over-long name.
     */
    static Optional<String> tpuName(String chip) {
        String c = chip.strip();
        if (c.isEmpty() || c.length() > 40) return Optional.empty();
        if (c.regionMatches(true, 0, "tpu", 0, 3)) return Optional.of(c);
        return Optional.of(Character.isDigit(c.charAt(0)) ? "TPU" + c : "TPU " + c);
    }

    static String experimentFolder(InputSource source) {
        return TrackerFolders.joinHydraJob(source, TrackerFolders.wandbRunFolder(source.name()), "wandb", 2);
    }

    /** Whether the file sits in a W&B run's {@code files/} folder (the tie-breaker for files whose content says little). */
    static boolean inRunFiles(InputSource source) {
        String n = source.name();
        int slash = n.lastIndexOf('/');
        return slash >= 0 && (n.substring(0, slash).equals("files") || n.substring(0, slash).endsWith("/files"));
    }
}
