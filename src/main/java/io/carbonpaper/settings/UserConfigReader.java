package io.carbonpaper.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.YamlDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The user's own settings file, named on the command line with {@code --config FILE}: the place for
 * what a logs folder may not choose (see {@link PrometheusSourceReader#USER_ONLY}), kept out of the
 * logs and of shell history. It holds a {@code prometheus:} section, read exactly as
 * {@code --set prometheus.KEY=VALUE} pairs would be (which win over it); a relative
 * {@code bearer_token_file} is relative to the file's own folder.
 */
public final class UserConfigReader {
    private UserConfigReader() {}

    /**
     * The file's settings as {@code --set} pairs ({@code prometheus.url}, {@code prometheus.labels.job}, ...).
     *
     * @throws InputException with a message naming the file and the line of the first bad entry
     */
    public static Map<String, String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new InputException(0, "--config " + file + ": no such file");
        String name = file.toString();
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(new InputSource(file, name));
        } catch (InputException e) {
            throw new InputException(e.line(), name + ":" + e.line() + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (!doc.root().isObject()) throw new InputException(1, name + ":1: expected a mapping with a 'prometheus:' section");
        for (Iterator<String> it = doc.root().fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals(PrometheusSourceReader.SECTION))
                throw new InputException(doc.lineOf(key), name + ":" + doc.lineOf(key) + ": '" + key + "' does not belong in --config, which holds "
                        + "the 'prometheus:' section; project settings go in the logs folder's " + ProjectConfigReader.FILE_NAME + " or --set");
        }
        JsonNode section = doc.node(PrometheusSourceReader.SECTION);
        if (section == null || section.isNull()) return out;
        if (!section.isObject()) throw new InputException(doc.lineOf("prometheus"), name + ":" + doc.lineOf("prometheus") + ": 'prometheus' must be a mapping (url, labels, ...)");
        for (Iterator<Map.Entry<String, JsonNode>> it = section.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            long line = doc.lineOf("prometheus." + key);
            JsonNode v = e.getValue();
            if (v.isNull()) continue;
            if (key.equals("labels") && v.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> l = v.properties().iterator(); l.hasNext(); ) {
                    Map.Entry<String, JsonNode> label = l.next();
                    if (!label.getValue().isValueNode())
                        throw new InputException(line, name + ":" + line + ": 'prometheus.labels." + label.getKey() + "' must be text");
                    out.put("prometheus.labels." + label.getKey(), label.getValue().asText());
                }
            } else if (v.isArray()) {
                StringJoiner j = new StringJoiner(",");
                for (JsonNode x : v) {
                    if (!x.isValueNode()) throw new InputException(line, name + ":" + line + ": 'prometheus." + key + "' must be a list of names");
                    j.add(x.asText());
                }
                out.put("prometheus." + key, j.toString());
            } else if (v.isValueNode()) {
                String text = v.asText();
                if (key.equals("bearer_token_file")) text = file.toAbsolutePath().getParent().resolve(text).normalize().toString();
                out.put("prometheus." + key, text);
            } else {
                throw new InputException(line, name + ":" + line + ": 'prometheus." + key + "' must be a single value");
            }
        }
        return out;
    }
}
