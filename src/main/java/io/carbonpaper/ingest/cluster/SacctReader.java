package io.carbonpaper.ingest.cluster;

import io.carbonpaper.ingest.source.LocalTimestamp;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.model.JobRecord;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Slurm accounting as {@code sacct --parsable2} (or {@code --parsable}, with its trailing
 * {@code |}) prints it: one experiment per job, keyed {@code sacct:<jobid>}.
 *
 * <ul>
 * <li>Columns are found by header name, in any order; output made with {@code -n} has no header
 *     and is refused (the columns cannot be told apart).</li>
 * <li>Step rows ({@code 123.batch}, {@code 123.extern}, {@code 123.0}) are not jobs; they only
 *     fill fields the job row left empty. Array tasks ({@code 123_4}) are jobs of their own.</li>
 * <li>GPUs come from AllocTRES: the untyped {@code gres/gpu=N} is the total, the typed
 *     {@code gres/gpu:a100=N} names the model and is a count only when no untyped entry exists,
 *     so the two are never added. An {@code AllocGRES} column ({@code gpu:a100:2}) is the fallback.</li>
 * <li>Elapsed is {@code [D-]HH:MM:SS} or {@code MM:SS[.mmm]}; Start and End are local ISO times
 *     (read as UTC), {@code Unknown}/{@code None} meaning absent; State keeps its first word
 *     ({@code CANCELLED by 123} is {@code CANCELLED}).</li>
 * <li>An {@code energy=} TRES (joules) on the job row, or failing that the largest on its steps,
 *     or a {@code ConsumedEnergyRaw} column, becomes a {@link ToolEnergyReport} of tool {@code slurm}.</li>
 * </ul>
 * Memory: one small accumulator per job (the file is streamed line by line), so a history of
 * 100,000 jobs stays small.
 */
public final class SacctReader implements LogReader {
    private static final Pattern ELAPSED = Pattern.compile("^(?:(\\d+)-)?(?:(\\d+):)?(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)$");
    private static final Pattern GPU_GRES = Pattern.compile("gpu(?::([^:(,]+))?:(\\d+)");

    @Override public String format() { return "slurm-sacct"; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        int nl = head.indexOf('\n');
        String first = (nl < 0 ? head : head.substring(0, nl)).strip();
        if (!first.contains("|")) return false;
        Map<String, Integer> cols = columns(first.split("\\|", -1));
        return cols.containsKey("jobid") && (cols.containsKey("elapsed") || cols.containsKey("state") || cols.containsKey("alloctres"));
    }

    /** What is known of one job, from its own row and its steps' rows. */
    private static final class Job {
        final String id;
        final long line;
        boolean jobRow;
        final Map<String, String> fields = new HashMap<>();
        double stepEnergy = -1;

        Job(String id, long line) {
            this.id = id;
            this.line = line;
        }

        String get(String column) { return fields.getOrDefault(column, ""); }
    }

    private static final String[] KEPT = {"jobname", "partition", "state", "elapsed", "start", "end", "alloctres", "allocgres",
            "nnodes", "allocnodes", "consumedenergyraw", "account", "user", "exitcode", "nodelist"};

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        Map<String, Job> jobs = new LinkedHashMap<>();
        Map<String, Integer> cols = null;
        int width = 0;
        long n = 0;
        try (BufferedReader in = source.reader()) {
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (line.isBlank()) continue;
                String[] cells = line.split("\\|", -1);
                if (cols == null) {
                    cols = columns(cells);
                    if (!cols.containsKey("jobid")) {
                        boolean looksLikeData = !cells[0].isBlank() && Character.isDigit(cells[0].strip().charAt(0)) && cells.length > 1;
                        throw new InputException(1, looksLikeData
                                ? "no header line: sacct output made with -n/--noheader cannot be read (columns unknown); rerun sacct --parsable2 without -n"
                                : "expected an sacct --parsable2 header with a JobID column, found '" + abbreviate(line) + "'");
                    }
                    width = cells.length;
                    continue;
                }
                if (cells.length != width) {
                    sink.problem(Problem.error(file, n, "expected " + width + " '|'-separated fields, found " + cells.length + "; row skipped"));
                    continue;
                }
                String rawId = cells[cols.get("jobid")].strip();
                if (rawId.isEmpty()) {
                    sink.problem(Problem.error(file, n, "empty JobID; row skipped"));
                    continue;
                }
                int dot = rawId.indexOf('.');
                String id = dot < 0 ? rawId : rawId.substring(0, dot).strip();
                boolean step = dot >= 0;
                if (id.isEmpty()) {
                    sink.problem(Problem.error(file, n, "step '" + rawId + "' names no job (expected JobID like 1234.batch); row skipped"));
                    continue;
                }
                Job job = jobs.get(id);
                if (job == null) {
                    job = new Job(id, n);
                    jobs.put(id, job);
                }
                if (!step) job.jobRow = true;
                for (String c : KEPT) {
                    Integer i = cols.get(c);
                    if (i == null) continue;
                    String v = cells[i].strip();
                    if (v.isEmpty()) continue;
                    if (!step || !job.fields.containsKey(c)) job.fields.put(c, v);
                }
                if (step) {
                    Job j = job;
                    energyOfRow(cells, cols).ifPresent(e -> j.stepEnergy = Math.max(j.stepEnergy, e));
                } else {
                    Job j = job;
                    energyOfRow(cells, cols).ifPresent(e -> j.fields.put("energy", Double.toString(e)));
                }
            }
        }
        if (n == 0 || cols == null) throw new InputException(0, "empty file: expected sacct --parsable2 output with a header");
        if (jobs.isEmpty()) {
            sink.problem(Problem.warning(file, 0, "sacct header but no job rows"));
            return;
        }
        for (Job job : jobs.values()) emit(job, file, sink);
    }

    private static void emit(Job job, String file, FindingSink sink) {
        String key = JobRecord.keyOf(job.id);
        if (!job.jobRow) sink.problem(Problem.note(file, job.line, "job " + job.id + " has step rows but no job row; read from its steps"));
        String jobName = job.get("jobname").isEmpty() ? "job" : job.get("jobname");
        Optional<Hours> elapsed = Optional.empty();
        if (!job.get("elapsed").isEmpty()) {
            elapsed = elapsed(job.get("elapsed"));
            if (elapsed.isEmpty()) sink.problem(Problem.error(file, job.line, "expected Elapsed as [D-]HH:MM:SS, found '" + job.get("elapsed") + "'"));
        }
        Optional<Instant> start = time(job.get("start"), "Start", job, file, sink);
        Optional<Instant> end = time(job.get("end"), "End", job, file, sink);
        String stateText = job.get("state");
        String state = stateText.isEmpty() ? "UNKNOWN" : stateText.split("\\s+")[0].toUpperCase(Locale.ROOT);

        int gpus = 0;
        Optional<String> model = Optional.empty();
        String tres = job.get("alloctres");
        Optional<Double> untyped = tres(tres, "gres/gpu");
        double typed = 0;
        for (String part : tres.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0 || !part.startsWith("gres/gpu:")) continue;
            if (model.isEmpty()) model = Optional.of(part.substring("gres/gpu:".length(), eq));
            typed += parse(part.substring(eq + 1)).orElse(0.0);
        }
        if (untyped.isPresent()) gpus = untyped.get().intValue();
        else if (typed > 0) gpus = (int) typed;
        else if (!job.get("allocgres").isEmpty()) {
            Matcher m = GPU_GRES.matcher(job.get("allocgres"));
            while (m.find()) {
                if (m.group(2).length() > 6) continue; // no GPU count: a broken entry
                gpus += Integer.parseInt(m.group(2));
                if (model.isEmpty() && m.group(1) != null) model = Optional.of(m.group(1));
            }
        }
        int nodes = parse(job.get("nnodes")).or(() -> parse(job.get("allocnodes"))).or(() -> tres(tres, "node"))
                .map(Double::intValue).filter(x -> x >= 0).orElse(0);

        sink.accept(new JobRecord(job.id, jobName + " #" + job.id, jobName, model, gpus, elapsed, start, end, state, nodes));

        Map<String, String> hyper = new TreeMap<>();
        hyper.put("JobName", jobName);
        hyper.put("State", stateText.isEmpty() ? state : stateText);
        putIfPresent(hyper, "Partition", job.get("partition"));
        putIfPresent(hyper, "AllocTRES", tres);
        putIfPresent(hyper, "Account", job.get("account"));
        putIfPresent(hyper, "ExitCode", job.get("exitcode"));
        putIfPresent(hyper, "NodeList", job.get("nodelist"));
        if (nodes > 0) hyper.put("NNodes", Integer.toString(nodes));
        sink.accept(new TrainingLog("slurm-sacct", start, end, elapsed, elapsed.isPresent() ? "Elapsed" : "no Elapsed",
                Map.of(), hyper, key));

        Optional<Double> joules = parse(job.get("energy"));
        if (joules.isEmpty() && job.stepEnergy >= 0) joules = Optional.of(job.stepEnergy);
        if (joules.isEmpty()) joules = parse(job.get("consumedenergyraw"));
        if (joules.isPresent() && joules.get() > 0) {
            sink.accept(new ToolEnergyReport("slurm", Energy.ofJoules(joules.get()), Optional.empty(), elapsed, start, false,
                    model, gpus > 0 && model.isPresent() ? Optional.of(gpus) : Optional.empty(), Optional.of(job.id), key));
        }
    }

    /** {@code energy=} in AllocTRES or TRESUsageInTot, then ConsumedEnergyRaw, of one row. */
    private static Optional<Double> energyOfRow(String[] cells, Map<String, Integer> cols) {
        for (String c : new String[] {"alloctres", "tresusageintot"}) {
            Integer i = cols.get(c);
            if (i != null) {
                Optional<Double> e = tres(cells[i], "energy");
                if (e.isPresent()) return e;
            }
        }
        Integer i = cols.get("consumedenergyraw");
        return i == null ? Optional.empty() : parse(cells[i]);
    }

    private static Optional<Instant> time(String text, String column, Job job, String file, FindingSink sink) {
        if (text.isEmpty() || text.equalsIgnoreCase("Unknown") || text.equalsIgnoreCase("None")) return Optional.empty();
        Optional<Instant> t = LocalTimestamp.parse(text);
        if (t.isEmpty()) sink.problem(Problem.warning(file, job.line, "expected " + column + " as an ISO time, found '" + text + "'"));
        return t;
    }

    /** The value of {@code key=} in a TRES list ({@code billing=11,cpu=8,gres/gpu=1,mem=64G}); sizes with a suffix are not numbers. */
    static Optional<Double> tres(String list, String key) {
        for (String part : list.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(key)) return parse(part.substring(eq + 1));
        }
        return Optional.empty();
    }

    /** {@code [D-]HH:MM:SS}, {@code HH:MM:SS}, {@code MM:SS} or {@code MM:SS.mmm}. */
    static Optional<Hours> elapsed(String text) {
        Matcher m = ELAPSED.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        double days = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
        double hours = m.group(2) == null ? 0 : Double.parseDouble(m.group(2));
        double seconds = days * 86400 + hours * 3600 + Double.parseDouble(m.group(3)) * 60 + Double.parseDouble(m.group(4));
        return Optional.of(Hours.ofSeconds(seconds));
    }

    private static Map<String, Integer> columns(String[] cells) {
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].strip().toLowerCase(Locale.ROOT);
            if (!c.isEmpty()) cols.putIfAbsent(c, i);
        }
        return cols;
    }

    private static Optional<Double> parse(String s) {
        if (s == null || s.isBlank()) return Optional.empty();
        try {
            double d = Double.parseDouble(s.strip());
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) m.put(k, v);
    }

    private static String abbreviate(String s) { return s.length() > 60 ? s.substring(0, 60) + "..." : s; }
}
