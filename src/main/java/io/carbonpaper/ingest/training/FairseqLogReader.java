package io.carbonpaper.ingest.training;

import io.carbonpaper.ingest.source.InputException;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LocalTimestamp;
import io.carbonpaper.ingest.source.LogReader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fairseq training logs (the {@code simple} progress format) in both forms:
 * <ul>
 * <li>old (before 0.10): {@code | epoch 052 | loss 4.027 | ppl 16.30 | ... | wall 529 | train_wall 396}
 *     and {@code | epoch 052 | valid on 'valid' subset | valid_loss 4.74989 | ...};</li>
 * <li>newer, through Python logging: {@code 2025-10-15 11:33:44 | INFO | train | epoch 001 | loss 3.663 | ...},
 *     {@code ... | INFO | valid | epoch 001 | valid on 'valid' subset | loss 4.1 | ...} and the
 *     comma-separated {@code ... | INFO | train_inner | epoch 001:    100 / 487 loss=4.655, ..., wall=60};</li>
 * <li>Hydra's job logging ({@code fairseq-hydra-train}, {@code hydra_train.log}):
 *     {@code [2022-04-08 21:30:47,168][train][INFO] - <progress>}, the logger name in brackets.</li>
 * </ul>
 * With {@code --log-format json} the progress is a JSON object ({@code {"epoch": 10, "train_loss": "3.924", ...,
 * "train_wall": "10187"}}): fairseq's {@code JsonProgressBar.print} prefixes every end-of-epoch key with its tag
 * ({@code train_}, {@code valid_}), so the summary's cumulative {@code wall} is {@code train_wall} and its
 * per-epoch training time {@code train_train_wall}; the tag is taken off before the keys are read. Inner
 * lines ({@code train_inner}) carry no prefix. The devices come from fairseq's start-up lines
 * ({@code training on 8 devices (GPUs/TPUs)} and, per rank, {@code rank   0: capabilities = 7.0 ; total
 * memory = 31.749 GB ; name = Tesla V100-SXM2-32GB}), given as the run's devices in use.
 * Runtime is the last {@code wall} (seconds since training started, cumulative); without one, or
 * when {@code wall} is 0 on every line (some runs print it so) and the lines carry timestamps, the
 * span of the line timestamps, with a note. Start and end are the first and last timestamps, read as UTC.
 * Metrics are the last epoch summary's values (loss, ppl, ...) and the last validation's, the
 * latter prefixed {@code valid_} where fairseq did not; throughput and bookkeeping fields
 * ({@code wps}, {@code lr}, {@code num_updates}, ...) are not metrics ({@code num_updates} and the
 * last epoch become hyperparameters). Other lines (model summaries, warnings) are skipped.
 */
public final class FairseqLogReader implements LogReader {
    private static final Pattern STAMPED = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?) \\| [A-Z]+ \\| ([^|]+?) \\| (.*)$");
    private static final Pattern HYDRA = Pattern.compile("^\\[(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?)\\]\\[([^\\]]+)\\]\\[[A-Z]+\\] - (.*)$");
    private static final Pattern DEVICES = Pattern.compile("training on (\\d{1,6}) (?:devices|GPUs)");
    private static final Pattern RANK = Pattern.compile("rank\\s+(\\d{1,6}): capabilities = .*; name = (.+?)\\s*$");
    private static final Pattern OLD = Pattern.compile("^\\s*\\| epoch \\d+.*");
    private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+)");
    private static final Set<String> BOOKKEEPING = Set.of("wps", "ups", "wpb", "bsz", "num_updates", "lr", "gnorm", "clip", "oom",
            "wall", "train_wall", "gb_free", "loss_scale", "epoch", "subset", "update");

    /** Jackson is built when a file of this format is first read with JSON progress, not when the reader is. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Override public String format() { return "fairseq-log"; }

    @Override public boolean sniff(InputSource source) {
        for (String line : source.headText().lines().limit(200).toList()) {
            if (OLD.matcher(line).matches()) return true;
            Matcher m = STAMPED.matcher(line);
            if (!m.matches()) m = HYDRA.matcher(line);
            if (m.matches() && (m.group(2).startsWith("fairseq") || m.group(2).equals("train") || m.group(2).equals("train_inner")
                    || m.group(2).equals("valid"))) return true;
        }
        return false;
    }

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Map<String, Double> metrics = new TreeMap<>();
        Map<String, String> hyper = new TreeMap<>();
        Optional<Instant> first = Optional.empty(), last = Optional.empty();
        Optional<Double> wall = Optional.empty();
        double maxWall = 0;
        long wallLine = 0;
        long n = 0, used = 0;
        Optional<Integer> devices = Optional.empty();
        TreeMap<Integer, String> rankNames = new TreeMap<>();
        try (BufferedReader in = source.reader()) {
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                String body;
                String kind;
                if (line.contains("training on ")) {
                    Matcher d = DEVICES.matcher(line);
                    if (d.find()) devices = Optional.of(Integer.parseInt(d.group(1))).filter(c -> c > 0);
                }
                if (line.contains("; name = ")) {
                    Matcher r = RANK.matcher(line);
                    if (r.find() && !r.group(2).isBlank()) rankNames.putIfAbsent(Integer.parseInt(r.group(1)), r.group(2));
                }
                Matcher s = STAMPED.matcher(line);
                if (!s.matches()) s = HYDRA.matcher(line);
                if (s.matches()) {
                    Optional<Instant> t = LocalTimestamp.parse(s.group(1));
                    if (first.isEmpty()) first = t;
                    if (t.isPresent()) last = t;
                    kind = s.group(2).strip();
                    body = s.group(3);
                    if (!kind.equals("train") && !kind.equals("valid") && !kind.equals("train_inner")) continue;
                } else if (OLD.matcher(line).matches()) {
                    body = line.strip().substring(1);
                    kind = body.contains("valid on '") ? "valid" : "train";
                } else {
                    continue;
                }
                used++;
                boolean json = body.startsWith("{");
                if (kind.equals("train_inner")) {
                    Optional<Double> w = json ? Optional.ofNullable(jsonValues(body, kind, file, n, sink).get("wall")) : innerWall(body, file, n, sink);
                    if (w.isPresent()) {
                        wall = w;
                        maxWall = Math.max(maxWall, w.get());
                        wallLine = n;
                    }
                    continue;
                }
                boolean valid = kind.equals("valid") || body.contains("valid on '");
                Map<String, Double> values = json ? jsonValues(body, kind, file, n, sink) : new TreeMap<>();
                if (json && values.containsKey("epoch")) hyper.put("epoch", String.valueOf(values.get("epoch").longValue()));
                for (String field : json ? new String[0] : body.split("\\|")) {
                    String f = field.strip();
                    if (f.isEmpty() || f.startsWith("valid on '")) continue;
                    Matcher e = EPOCH.matcher(f);
                    if (e.find()) {
                        hyper.put("epoch", new java.math.BigInteger(e.group(1)).toString()); // "001" is epoch 1; no digit count overflows
                        continue;
                    }
                    int sp = f.lastIndexOf(' ');
                    if (sp <= 0) continue;
                    String key = f.substring(0, sp).strip();
                    String raw = f.substring(sp + 1).strip();
                    Optional<Double> v = number(raw);
                    if (v.isEmpty()) {
                        if (key.equals("wall")) sink.problem(Problem.warning(file, n, "expected 'wall <seconds>', found '" + f + "'"));
                        continue;
                    }
                    values.put(key, v.get());
                }
                if (values.isEmpty()) {
                    if (!json) sink.problem(Problem.warning(file, n, "fairseq progress line without 'key value' fields"));
                    continue;
                }
                if (values.containsKey("wall")) {
                    wall = Optional.of(values.get("wall"));
                    maxWall = Math.max(maxWall, values.get("wall"));
                    wallLine = n;
                }
                if (values.containsKey("num_updates")) hyper.put("num_updates", String.valueOf(values.get("num_updates").longValue()));
                for (Map.Entry<String, Double> v : values.entrySet()) {
                    if (BOOKKEEPING.contains(v.getKey())) continue;
                    String key = valid && !v.getKey().startsWith("valid_") ? "valid_" + v.getKey() : v.getKey();
                    metrics.put(key, v.getValue());
                }
            }
        }
        if (n == 0) throw new InputException(0, "empty file: expected fairseq progress lines");
        if (used == 0) throw new InputException(0, "no fairseq progress lines ('| epoch NNN | ...' or '<time> | INFO | train | ...')");
        Optional<Hours> runtime;
        String why;
        boolean span = first.isPresent() && last.isPresent() && last.get().isAfter(first.get());
        if (wall.isPresent() && maxWall <= 0 && span) {
            // Some runs (seen on a resumed 8-GPU run) print 'wall 0' on every line; the line timestamps still tell the time.
            sink.problem(Problem.note(file, wallLine, "'wall' is 0 on every line; hours are the span of the log's timestamps instead"));
            wall = Optional.empty();
        }
        if (wall.isPresent()) {
            runtime = Optional.of(Hours.ofSeconds(wall.get()));
            why = "last 'wall' (seconds since start)";
        } else if (first.isPresent() && last.isPresent()) {
            runtime = Optional.of(Hours.of(Duration.between(first.get(), last.get())));
            why = "log time span";
        } else {
            runtime = Optional.empty();
            why = "no 'wall' field and no timestamps";
        }
        sink.accept(new TrainingLog(format(), first, last, runtime, why, metrics, hyper));
        devices(file, devices, rankNames, sink);
    }

    /**
     * The run's devices from fairseq's start-up lines: the count from {@code training on N devices}
     * (else the ranks listed), the model where every listed rank names the same one.
     */
    private void devices(String file, Optional<Integer> count, TreeMap<Integer, String> rankNames, FindingSink sink) {
        if (count.isEmpty() && rankNames.isEmpty()) return;
        Set<String> names = new TreeSet<>(rankNames.values());
        Optional<String> model = names.size() == 1 ? Optional.of(names.iterator().next()) : Optional.empty();
        if (names.size() > 1) sink.problem(Problem.note(file, 0, "the ranks name different GPUs " + names + "; no single model is taken"));
        Optional<Integer> devices = count.or(() -> Optional.of(rankNames.size()));
        sink.accept(new RunInfo(format(), Optional.empty(), Optional.empty(), Optional.empty(), model, devices,
                RunInfo.CountEvidence.IN_USE, Optional.empty()));
    }

    /**
     * The fields of a JSON progress line ({@code --log-format json}) as numbers (fairseq writes most
     * as strings), with the end-of-epoch tag prefix ({@code train_}, {@code valid_}) taken off.
     */
    private static Map<String, Double> jsonValues(String body, String kind, String file, long line, FindingSink sink) {
        Map<String, Double> values = new TreeMap<>();
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            sink.problem(Problem.warning(file, line, "fairseq JSON progress line that is not valid JSON; skipped"));
            return values;
        }
        if (o == null || !o.isObject()) return values;
        String prefix = kind.equals("train") || kind.equals("valid") ? kind + "_" : null;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix != null && e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length()) : e.getKey();
            JsonNode v = e.getValue();
            Optional<Double> d = v.isNumber() ? Optional.of(v.asDouble()).filter(Double::isFinite) : v.isTextual() ? number(v.asText()) : Optional.empty();
            if (d.isPresent()) values.put(key, d.get());
            else if (key.equals("wall")) sink.problem(Problem.warning(file, line, "expected \"wall\" in seconds, found '" + v + "'"));
        }
        return values;
    }

    /** {@code epoch 001:    100 / 487 loss=4.655, ppl=25.2, ..., wall=60}: only {@code wall} is kept from inner lines. */
    private static Optional<Double> innerWall(String body, String file, long line, FindingSink sink) {
        for (String pair : body.split(",")) {
            String p = pair.strip();
            int sp = p.lastIndexOf(' ');
            if (sp >= 0) p = p.substring(sp + 1);
            if (p.startsWith("wall=")) {
                Optional<Double> v = number(p.substring(5));
                if (v.isEmpty()) sink.problem(Problem.warning(file, line, "expected 'wall=<seconds>', found '" + p + "'"));
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> number(String raw) {
        String r = raw.endsWith("%") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            double d = Double.parseDouble(r);
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
