package io.carbonpaper.ingest.cluster;

import io.carbonpaper.ingest.source.LocalTimestamp;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.source.RunIds;

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
import java.util.Iterator;
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
 * Memory (issue 20): sacct lists a job's step rows right after the job's own row, so each job is
 * handed on as soon as {@value #OPEN_MAX} other jobs have started after it (at the end of the file
 * for the last ones); at most that many jobs are open at once, whatever the length of the history.
 * The rows of a job handed on do not reopen it: a row of such a job, far from the rest of its rows
 * (two histories pasted one after the other), is a warning at its line and skipped, never a second
 * copy of the job. Telling them apart costs 8 bytes per job (Slurm's numeric ids, exactly).
 */
public final class SacctReader implements LogReader {
    private static final Pattern ELAPSED = Pattern.compile("^(?:(\\d+)-)?(?:(\\d+):)?(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)$");
    private static final Pattern GPU_GRES = Pattern.compile("gpu(?::([^:(,]+))?:(\\d+)");

    @Override public String format() { return "slurm-sacct"; }

    /** Each job's findings are handed on together, once, when it closes (see {@link #OPEN_MAX}). */
    @Override public boolean runsComeTogether() { return true; }

    @Override public boolean sniff(InputSource source) {
        String head = source.headText();
        String[] lines = head.split("\n", 3);
        if (lines.length == 0) return false;
        String first = lines[0].strip();
        Layout layout = Layout.of(first, lines.length > 1 ? lines[1] : "");
        if (layout == null) return false;
        Map<String, Integer> cols = columns(layout.split(lines[0]));
        if (cols.containsKey("jobid")) return cols.containsKey("elapsed") || cols.containsKey("elapsedraw") || cols.containsKey("state")
                || cols.containsKey("alloctres");
        // Without a JobID column, only a header of sacct's own field names, energy among them, is sacct.
        long known = cols.keySet().stream().filter(KNOWN::contains).count();
        return cols.containsKey("consumedenergyraw") && known >= 3 && known == cols.size();
    }

    /** sacct's field names (sacct --helpformat), lower case: a header made only of them is sacct's. */
    private static final java.util.Set<String> KNOWN = java.util.Set.of("account", "admincomment", "alloccpus", "allocnodes", "alloctres",
            "allocgres", "associd", "avecpu", "avecpufreq", "avediskread", "avediskwrite", "avepages", "averss", "avevmsize", "blockid",
            "cluster", "comment", "constraints", "consumedenergy", "consumedenergyraw", "container", "cputime", "cputimeraw", "dbindex",
            "derivedexitcode", "elapsed", "elapsedraw", "eligible", "end", "exitcode", "flags", "gid", "group", "jobid", "jobidraw",
            "jobname", "layout", "maxdiskread", "maxdiskwrite", "maxpages", "maxrss", "maxvmsize", "mcslabel", "mincpu", "ncpus",
            "nnodes", "nodelist", "ntasks", "partition", "planned", "plannedcpu", "plannedcpuraw", "priority", "qos", "qosraw",
            "reason", "reqcpufreq", "reqcpus", "reqmem", "reqnodes", "reqtres", "reservation", "reservationid", "resvcpu",
            "resvcpuraw", "start", "state", "submit", "submitline", "suspended", "systemcpu", "timelimit", "timelimitraw", "totalcpu",
            "tresusageintot", "tresusageinave", "tresusageinmax", "tresusageoutave", "tresusageouttot", "uid", "user", "usercpu",
            "wckey", "wckeyid", "workdir");

    /**
     * How the fields of a line are told apart: {@code --parsable2}'s {@code |} (any delimiter
     * given with {@code --delimiter}: a tab or a comma is found the same way), or the default
     * fixed-width layout, whose columns are the runs of dashes in the ruler under the header.
     */
    private record Layout(String delimiter, int[] starts, int[] ends) {
        static Layout of(String header, String second) {
            for (String d : new String[] {"|", "\t", ","}) {
                if (header.contains(d) && columns(header.split(java.util.regex.Pattern.quote(d), -1)).keySet().stream()
                        .filter(KNOWN::contains).count() >= 2) return new Layout(d, null, null);
            }
            String ruler = second.stripTrailing();
            if (!ruler.isEmpty() && ruler.chars().allMatch(c -> c == '-' || c == ' ') && ruler.startsWith("-")) {
                java.util.List<int[]> runs = new java.util.ArrayList<>();
                for (int i = 0; i < ruler.length(); ) {
                    if (ruler.charAt(i) != '-') { i++; continue; }
                    int j = i;
                    while (j < ruler.length() && ruler.charAt(j) == '-') j++;
                    runs.add(new int[] {i, j});
                    i = j;
                }
                int[] st = runs.stream().mapToInt(r -> r[0]).toArray(), en = runs.stream().mapToInt(r -> r[1]).toArray();
                Layout fixed = new Layout(null, st, en);
                if (runs.size() >= 2 && columns(fixed.split(header)).keySet().stream().filter(KNOWN::contains).count() >= 2) return fixed;
            }
            return null;
        }

        boolean fixed() { return delimiter == null; }

        /** The fields of one line, unstripped (the caller strips). */
        String[] split(String line) {
            if (!fixed()) return splitOn(line, delimiter.charAt(0));
            String[] out = new String[starts.length];
            for (int i = 0; i < starts.length; i++) {
                int a = Math.min(starts[i], line.length());
                int b = i + 1 < starts.length ? Math.min(starts[i + 1], line.length()) : line.length();
                out[i] = line.substring(a, Math.max(a, b));
            }
            return out;
        }

        /** {@code line.split(quote(d), -1)} without a regular expression per line (all delimiters here are one character). */
        private static String[] splitOn(String line, char d) {
            int n = 1;
            for (int i = line.indexOf(d); i >= 0; i = line.indexOf(d, i + 1)) n++;
            String[] out = new String[n];
            int from = 0;
            for (int k = 0; k < n - 1; k++) {
                int to = line.indexOf(d, from);
                out[k] = line.substring(from, to);
                from = to + 1;
            }
            out[n - 1] = line.substring(from);
            return out;
        }

        String describe() {
            return fixed() ? "fixed-width columns" : delimiter.equals("\t") ? "tab-separated fields" : "'" + delimiter + "'-separated fields";
        }
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

    private static final String[] KEPT = {"jobname", "partition", "state", "elapsed", "elapsedraw", "start", "end", "alloctres", "allocgres",
            "nnodes", "allocnodes", "consumedenergyraw", "account", "user", "exitcode", "nodelist", "cluster"};

    /**
     * Columns whose values repeat from job to job (partitions, states, TRES strings, job names):
     * equal values share one string, so a history of a million jobs does not hold a million copies
     * of "COMPLETED" (issue 20). Times and energies are left out: they are nearly all distinct.
     */
    private static final java.util.Set<String> REPEATING = java.util.Set.of("jobname", "partition", "state", "alloctres", "allocgres",
            "nnodes", "allocnodes", "account", "user", "exitcode", "nodelist", "cluster");
    /** Distinct values shared at most, so a history whose every value differs costs no more than this. */
    static final int SHARED_MAX = 65_536;

    @Override public void read(InputSource source, FindingSink sink) throws IOException {
        String file = source.name();
        java.time.ZoneId zone = source.traceSettings().zone();
        Map<String, Job> jobs = new LinkedHashMap<>();
        RunIds closed = new RunIds();
        long jobCount = 0;
        Map<String, String> shared = new HashMap<>();
        Map<String, Integer> cols = null;
        Layout layout = null;
        boolean noJobId = false;
        long steps = 0;
        int width = 0;
        long n = 0;
        try (BufferedReader in = source.reader()) {
            String pending = null;
            for (String line; (line = pending != null ? pending : in.readLine()) != null; ) {
                pending = null;
                n++;
                if (line.isBlank()) continue;
                if (layout == null) {
                    String next = in.readLine();
                    layout = Layout.of(line.strip(), next == null ? "" : next);
                    if (layout == null) layout = new Layout("|", null, null);
                    if (layout.fixed()) n++; // the ruler line
                    else pending = next;
                }
                if (layout.fixed() && cols != null && line.strip().chars().allMatch(c -> c == '-' || c == ' ')) continue; // a repeated ruler
                String[] cells = layout.split(line);
                if (cols == null) {
                    cols = columns(cells);
                    if (!cols.containsKey("jobid") && cols.containsKey("consumedenergyraw")) {
                        // sacct --format without JobID: every row is taken for a job of its own (steps cannot be told apart
                        // from jobs, save those named batch/extern); keyed by file and line.
                        noJobId = true;
                        width = cells.length;
                        sink.problem(Problem.note(file, n, "no JobID column: each row is taken for a job of its own, keyed by its line"
                                + " (step rows cannot be told from jobs, except those named batch or extern)"));
                        continue;
                    }
                    if (!cols.containsKey("jobid")) {
                        boolean looksLikeData = !cells[0].isBlank() && Character.isDigit(cells[0].strip().charAt(0)) && cells.length > 1;
                        throw new InputException(1, looksLikeData
                                ? "no header line: sacct output made with -n/--noheader cannot be read (columns unknown); rerun sacct --parsable2 without -n"
                                : "expected an sacct --parsable2 header with a JobID column, found '" + abbreviate(line) + "'");
                    }
                    width = cells.length;
                    continue;
                }
                if (cells.length != width && !(layout.fixed() && cells.length <= width)) {
                    sink.problem(Problem.error(file, n, "expected " + width + " " + layout.describe() + ", found " + cells.length + "; row skipped"));
                    continue;
                }
                if (noJobId) {
                    Integer jn = cols.get("jobname");
                    String jobName = jn == null ? "" : cells[jn].strip();
                    if (jobName.equals("batch") || jobName.equals("extern")) {
                        steps++;
                        continue;
                    }
                }
                String rawId = noJobId ? source.fileName() + ":" + n : cells[cols.get("jobid")].strip();
                if (rawId.isEmpty()) {
                    sink.problem(Problem.error(file, n, "empty JobID; row skipped"));
                    continue;
                }
                int dot = noJobId ? -1 : rawId.indexOf('.');
                String id = dot < 0 ? rawId : rawId.substring(0, dot).strip();
                boolean step = dot >= 0;
                if (id.isEmpty()) {
                    sink.problem(Problem.error(file, n, "step '" + rawId + "' names no job (expected JobID like 1234.batch); row skipped"));
                    continue;
                }
                Job job = jobs.get(id);
                if (job == null) {
                    if (!noJobId && closed.contains(id)) {
                        sink.problem(Problem.warning(file, n, "a row of job " + abbreviate(id) + " after the rows of " + OPEN_MAX
                                + " other jobs: sacct lists a job's steps right after it, and job " + abbreviate(id)
                                + " was already read; row skipped"));
                        continue;
                    }
                    if (jobs.size() >= OPEN_MAX) {
                        Iterator<Job> eldest = jobs.values().iterator();
                        Job done = eldest.next();
                        eldest.remove();
                        if (!noJobId) closed.add(done.id);
                        emit(done, file, sink, zone);
                    }
                    job = new Job(id, n);
                    jobs.put(id, job);
                    jobCount++;
                }
                if (!step) job.jobRow = true;
                for (String c : KEPT) {
                    Integer i = cols.get(c);
                    if (i == null) continue;
                    String v = cells[i].strip();
                    if (v.isEmpty()) continue;
                    if (!step || !job.fields.containsKey(c)) job.fields.put(c, REPEATING.contains(c) ? shared(shared, v) : v);
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
        if (steps > 0) sink.problem(Problem.note(file, 0, steps + " rows named batch or extern are steps of jobs, not jobs; not counted"));
        if (jobCount == 0) {
            sink.problem(Problem.warning(file, 0, "sacct header but no job rows"));
            return;
        }
        for (Job job : jobs.values()) emit(job, file, sink, zone);
    }

    /** Jobs open at most: each is handed on once this many jobs have started after it. */
    static final int OPEN_MAX = 1024;

    /** The string equal to {@code v} seen first in this file, while fewer than {@link #SHARED_MAX} are kept. */
    private static String shared(Map<String, String> seen, String v) {
        String first = seen.get(v);
        if (first != null) return first;
        if (seen.size() < SHARED_MAX) seen.put(v, v);
        return v;
    }

    private static void emit(Job job, String file, FindingSink sink, java.time.ZoneId zone) {
        String key = JobRecord.keyOf(job.id);
        if (!job.jobRow) sink.problem(Problem.note(file, job.line, "job " + job.id + " has step rows but no job row; read from its steps"));
        String jobName = job.get("jobname").isEmpty() ? "job" : job.get("jobname");
        Optional<Hours> elapsed = Optional.empty();
        if (!job.get("elapsedraw").isEmpty()) {
            elapsed = parse(job.get("elapsedraw")).filter(x -> x >= 0).map(Hours::ofSeconds);
            if (elapsed.isEmpty()) sink.problem(Problem.error(file, job.line, "expected ElapsedRaw in seconds, found '" + job.get("elapsedraw") + "'"));
        } else if (!job.get("elapsed").isEmpty()) {
            elapsed = elapsed(job.get("elapsed"));
            if (elapsed.isEmpty()) sink.problem(Problem.error(file, job.line, "expected Elapsed as [D-]HH:MM:SS, found '" + job.get("elapsed") + "'"));
        }
        Optional<Instant> start = time(job.get("start"), "Start", job, file, sink, zone);
        Optional<Instant> end = time(job.get("end"), "End", job, file, sink, zone);
        String stateText = job.get("state");
        String state = stateText.isEmpty() ? "UNKNOWN" : stateText.split("\\s+")[0].toUpperCase(Locale.ROOT);
        if (state.endsWith("+")) state = state.substring(0, state.length() - 1); // fixed-width output cuts 'CANCELLED by 1' to 'CANCELLED+'

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

        // What the accounting says of the job, for its page. Not hyper-parameters: two jobs that differ
        // only in State or NodeList are not a sweep (issue 18's tuning-run inference).
        Map<String, String> details = new TreeMap<>();
        details.put("JobName", jobName);
        details.put("State", stateText.isEmpty() ? state : stateText);
        putIfPresent(details, "Partition", job.get("partition"));
        putIfPresent(details, "AllocTRES", tres);
        putIfPresent(details, "Account", job.get("account"));
        putIfPresent(details, "Cluster", job.get("cluster"));
        putIfPresent(details, "ExitCode", job.get("exitcode"));
        putIfPresent(details, "NodeList", job.get("nodelist"));
        if (nodes > 0) details.put("NNodes", Integer.toString(nodes));
        sink.accept(new JobRecord(job.id, jobName + " #" + job.id, jobName, model, gpus, elapsed, start, end, state, nodes, details));
        sink.accept(new TrainingLog("slurm-sacct", start, end, elapsed, elapsed.isPresent() ? "Elapsed" : "no Elapsed",
                Map.of(), Map.of(), key));

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

    private static Optional<Instant> time(String text, String column, Job job, String file, FindingSink sink, java.time.ZoneId zone) {
        if (text.isEmpty() || text.equalsIgnoreCase("Unknown") || text.equalsIgnoreCase("None")) return Optional.empty();
        Optional<Instant> t = LocalTimestamp.parse(text, zone);
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
