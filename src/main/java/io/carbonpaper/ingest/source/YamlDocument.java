package io.carbonpaper.ingest.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document read safely (plain data only: no tags become types, aliases and nesting are
 * bounded, size is capped) into a tree that remembers the line of every key, so that a wrong
 * value can be reported at {@code file:line}.
 */
public final class YamlDocument {
    /** Larger YAML than this is refused: manifests and configs are a few hundred bytes. */
    public static final int MAX_BYTES = 4 << 20;
    public static final int MAX_DEPTH = 64;
    /** Aliases can expand a small file into millions of values (a "billion laughs" bomb); this caps the expansion. */
    public static final int MAX_VALUES = 100_000;

    private static final YAMLFactory FACTORY = createFactory();

    /** Longer lines than this are refused before the YAML scanner sees them: a config has no such lines. */
    public static final int MAX_LINE_BYTES = 64 << 10;

    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final boolean blank;

    private YamlDocument(JsonNode root, Map<String, Integer> lines, boolean blank) {
        this.root = root;
        this.lines = lines;
        this.blank = blank;
    }

    private static YAMLFactory createFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        YAMLFactory f = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();
        return f;
    }

    /**
     * Parses the source. An empty document gives an empty mapping.
     *
     * @throws InputException with the line of the first syntax error
     */
    public static YamlDocument parse(InputSource source) throws IOException {
        try (InputStream in = new Bounded(source.open()); JsonParser p = FACTORY.createParser(in)) {
            Map<String, Integer> lines = new HashMap<>();
            JsonToken t = p.nextToken();
            if (t == null) return new YamlDocument(JsonNodeFactory.instance.objectNode(), lines, true);
            JsonNode root = value(p, t, "", lines, new int[1]);
            return new YamlDocument(root, lines, false);
        } catch (InputException e) {
            throw e;
        } catch (JsonProcessingException e) {
            InputException bound = cause(e, InputException.class);
            if (bound != null) throw bound;
            long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new InputException(line, "not valid YAML: " + describe(e));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            InputException bound = cause(e, InputException.class);
            if (bound != null) throw bound;
            throw new InputException(0, "YAML refused: " + describe(e));
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new InputException(0, "the gzip stream ends early or is damaged (a truncated file?)");
        }
    }

    /** A parser's complaint in words: the underlying cause's, without Java class names. */
    private static String describe(Exception e) {
        if (cause(e, java.io.EOFException.class) != null || cause(e, java.util.zip.ZipException.class) != null)
            return "the gzip stream ends early or is damaged (a truncated file?)";
        java.io.CharConversionException encoding = cause(e, java.io.CharConversionException.class);
        if (encoding != null) return "not UTF-8 text (" + withoutClassNames(encoding.getMessage()).replaceAll("\\(at char #.*", "").strip() + ")";
        return withoutClassNames(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
    }

    private static String withoutClassNames(String m) {
        return firstLine(m).replaceAll("(?:[a-z]+\\.)+[A-Z][A-Za-z]*(?:Exception|Error): ?", "");
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) if (type.isInstance(c)) return type.cast(c);
        return null;
    }

    /** Whether the file held no YAML at all (not even {@code {}}): an empty or whitespace-only file. */
    public boolean blank() { return blank; }

    /** Refuses content over {@link #MAX_BYTES} or with a line over {@link #MAX_LINE_BYTES}, naming the line. */
    private static final class Bounded extends java.io.FilterInputStream {
        private long total, lineLength, line = 1;

        Bounded(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count((byte) b);
            return b;
        }

        @Override public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) count(buf[off + i]);
            return n;
        }

        private void count(byte b) throws InputException {
            if (++total > MAX_BYTES) throw new InputException(line, "larger than " + (MAX_BYTES >> 20) + " MiB; a YAML config is a few kilobytes: refused");
            if (b == '\n') {
                line++;
                lineLength = 0;
            } else if (++lineLength > MAX_LINE_BYTES) {
                throw new InputException(line, "line longer than " + (MAX_LINE_BYTES >> 10) + " KiB; a YAML config has no such lines: refused");
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static JsonNode value(JsonParser p, JsonToken t, String path, Map<String, Integer> lines, int[] count) throws IOException {
        if (++count[0] > MAX_VALUES)
            throw new InputException(p.currentLocation().getLineNr(), "YAML expands to more than " + MAX_VALUES + " values (an alias bomb?); refused");
        JsonNodeFactory nf = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = nf.objectNode();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    lines.put(child, p.currentLocation().getLineNr());
                    o.set(key, value(p, p.nextToken(), child, lines, count));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = nf.arrayNode();
                int i = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) a.add(value(p, t, path + "[" + i++ + "]", lines, count));
                return a;
            }
            case VALUE_STRING -> { return nf.textNode(p.getText()); }
            case VALUE_NUMBER_INT -> { return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? nf.numberNode(p.getBigIntegerValue()) : nf.numberNode(p.getLongValue()); }
            case VALUE_NUMBER_FLOAT -> { return nf.numberNode(p.getDoubleValue()); }
            case VALUE_TRUE -> { return nf.booleanNode(true); }
            case VALUE_FALSE -> { return nf.booleanNode(false); }
            case VALUE_NULL -> { return nf.nullNode(); }
            default -> throw new InputException(p.currentLocation().getLineNr(), "unexpected YAML token " + t);
        }
    }

    public JsonNode root() { return root; }

    /** The line of the key at {@code path} ({@code hardware.count}), or the nearest enclosing key's, or 0. */
    public long lineOf(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) return l;
            int dot = p.lastIndexOf('.');
            if (dot < 0) return 0;
            p = p.substring(0, dot);
        }
    }

    /** The node at a dotted path, or null when absent or YAML null. */
    public JsonNode node(String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            if (n == null || !n.isObject()) return null;
            n = n.get(part);
        }
        return n == null || n.isNull() ? null : n;
    }

    public java.util.Optional<String> string(String path) throws InputException {
        JsonNode n = node(path);
        if (n == null) return java.util.Optional.empty();
        if (!n.isValueNode()) throw new InputException(lineOf(path), "'" + path + "' must be text, found a " + kind(n));
        return java.util.Optional.of(n.asText());
    }

    /** A number within [min, max]; text that is not a number, NaN and infinities are errors at the key's line. */
    public java.util.Optional<Double> number(String path, double min, double max) throws InputException {
        JsonNode n = node(path);
        if (n == null) return java.util.Optional.empty();
        if (!n.isNumber()) throw new InputException(lineOf(path), "'" + path + "' must be a number, found " + describe(n));
        double v = n.asDouble();
        if (!Double.isFinite(v) || v < min || v > max)
            throw new InputException(lineOf(path), "'" + path + "' must be between " + plain(min) + " and " + plain(max) + ", found " + n.asText());
        return java.util.Optional.of(v);
    }

    public java.util.Optional<Integer> integer(String path, int min, int max) throws InputException {
        JsonNode n = node(path);
        if (n == null) return java.util.Optional.empty();
        if (!n.isIntegralNumber()) throw new InputException(lineOf(path), "'" + path + "' must be a whole number, found " + describe(n));
        long v = n.asLong();
        if (v < min || v > max) throw new InputException(lineOf(path), "'" + path + "' must be between " + min + " and " + max + ", found " + v);
        return java.util.Optional.of((int) v);
    }

    public java.util.Optional<Boolean> bool(String path) throws InputException {
        JsonNode n = node(path);
        if (n == null) return java.util.Optional.empty();
        if (!n.isBoolean()) throw new InputException(lineOf(path), "'" + path + "' must be true or false, found " + describe(n));
        return java.util.Optional.of(n.asBoolean());
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String kind(JsonNode n) { return n.isObject() ? "mapping" : n.isArray() ? "list" : "value"; }

    private static String describe(JsonNode n) { return n.isValueNode() ? "'" + n.asText() + "'" : "a " + kind(n); }
}
