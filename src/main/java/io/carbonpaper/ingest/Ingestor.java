package io.carbonpaper.ingest;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.LogReader;

import io.carbonpaper.concurrent.ParallelMap;
import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.settings.ProjectConfigReader;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.InputFile;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a logs folder: the project configuration, then every file through the reader that
 * recognises it, then the experiments assembled from what was found. A file that cannot be read
 * becomes a problem of its experiment; it never stops the others. A file no reader recognises
 * inside a folder that a reader {@linkplain LogReader#claimedFolders claimed} (an MLflow run's
 * metric files, a W&B run's console log) is listed as part of that run rather than as unrecognised.
 */
public final class Ingestor {
    private final ReaderRegistry registry;
    private final int parallelism;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesTotal = new AtomicLong();

    public Ingestor(ReaderRegistry registry) { this(registry, Runtime.getRuntime().availableProcessors()); }

    public Ingestor(ReaderRegistry registry, int parallelism) {
        this.registry = registry;
        this.parallelism = parallelism;
    }

    /** Raw bytes read so far by all readers, for a progress display. */
    public AtomicLong bytesRead() { return bytesRead; }

    /** The total size of the files found, once the folder has been scanned (0 before): what {@link #bytesRead} grows toward. */
    public AtomicLong bytesTotal() { return bytesTotal; }

    /**
     * @param excluded folders inside {@code logs} not to read (the report's own output)
     * @param config   the project's settings, read before ingest ({@link ProjectConfigReader#readProject})
     */
    public IngestResult ingest(Path logs, List<Path> excluded, ProjectConfig config) throws IOException {
        return ingest(logs, excluded, config, null);
    }

    /**
     * Where a big project's experiments go when they are folded into the report's totals as they
     * are read rather than kept (issue 20). Called on the thread that called {@link #ingest}, in
     * the order of the files and of each file's runs.
     */
    @FunctionalInterface
    public interface Fold {
        void accept(Experiment experiment) throws IOException;
    }

    /**
     * @param fold where the experiments of files read run by run ({@link LogReader#runsComeTogether})
     *             go once the project has more experiments than {@link ProjectConfig#foldsExperiments} keeps: they are
     *             then not in the result. Such files are read one after the other, in file order,
     *             after the others. {@code null} keeps every experiment.
     */
    public IngestResult ingest(Path logs, List<Path> excluded, ProjectConfig config, Fold fold) throws IOException {
        List<Problem> global = new ArrayList<>();
        List<FileVerdict> verdicts = new ArrayList<>();
        Map<String, ExperimentDraft> drafts = new TreeMap<>();

        LogScanner scanner = new LogScanner(logs, excluded, bytesRead, config.traces());
        List<InputSource> sources = scanner.scan(global::add);
        long[] sizes = new long[sources.size()];
        long total = 0;
        for (int i = 0; i < sizes.length; i++) {
            try {
                sizes[i] = sources.get(i).size();
            } catch (IOException e) {
                sizes[i] = 0; // its reader will say why it cannot be read
            }
            total += sizes[i];
        }
        bytesTotal.set(total);
        // Files are independent: read them on every core, then merge in file order so the
        // result does not depend on which thread finished first.
        Map<String, FileVerdict> claims = new TreeMap<>();
        List<Integer> unrecognised = new ArrayList<>();
        try {
            List<FileResult> results = readAll(sources, sizes, fold != null);
            // The files read run by run come after every other file is read: the jobs the runs name are known before them.
            RunFolding folding = fold == null ? null
                    : new RunFolding(fold, drafts, config, JobLinks.named(results.stream().flatMap(r -> r.findings().stream()).toList()));
            for (int i = 0; i < sources.size(); i++) {
                FileResult r = results.get(i);
                if (r.deferred()) r = readRuns(sources.get(i), r.reader(), folding); // its hash may be under way in the pool
                if (r.reader() == null && r.format().isEmpty()) unrecognised.add(verdicts.size());
                merge(sources.get(i), r, drafts, global, verdicts, claims);
            }
            if (folding != null) folding.finish();
        } finally {
            if (hashPool != null) hashPool.shutdown();
            hashPool = null;
        }
        Map<String, String> joined = JobLinks.link(drafts, config.traces().zoneStated());
        // Claims are applied after the walk: a claimed folder's other files may sort before the claiming file.
        for (int i : unrecognised) {
            FileVerdict v = verdicts.get(i);
            boolean claimed = false;
            for (String folder = InputSource.folderOf(v.file()); ; folder = InputSource.folderOf(folder)) {
                FileVerdict claim = claims.get(folder);
                if (claim != null) {
                    verdicts.set(i, new FileVerdict(v.file(), claim.format(), claim.experiment(), "accounted for by " + claim.file()));
                    claimed = true;
                    break;
                }
                if (folder.isEmpty()) break;
            }
            // An unrecognised file is said, not silently dropped: it may be a log of a format we do not
            // read, or one too broken to recognise. Documentation, model and tokenizer files beside the
            // logs are plainly not logs: listed as such, without a note.
            Optional<String> notALog = claimed ? Optional.empty() : notALog(v.file());
            if (notALog.isPresent()) verdicts.set(i, new FileVerdict(v.file(), v.format(), v.experiment(), "not a log (" + notALog.get() + ")"));
            else if (!claimed) global.add(Problem.note(v.file(), 0, v.reason() + "; ignored"));
        }

        if (!joined.isEmpty()) {
            verdicts.replaceAll(v -> v.experiment().filter(joined::containsKey).isEmpty() ? v
                    : new FileVerdict(v.file(), v.format(), v.experiment().map(joined::get), v.reason()));
        }
        List<Experiment> experiments = new ArrayList<>(drafts.size());
        for (ExperimentDraft d : drafts.values()) experiments.add(ExperimentAssembler.assemble(d, config.experimentDefaults()));
        return new IngestResult(config, List.copyOf(experiments), List.copyOf(verdicts), List.copyOf(global), scanner.nestedProjects());
    }

    /** What reading one file gave, before it is merged into the experiments. */
    private record FileResult(LogReader reader, Optional<String> format, List<Finding> findings, List<Problem> problems,
                              Optional<InputFile> input, String ignoredBecause, boolean deferred, long folded) {
        FileResult(LogReader reader, Optional<String> format, List<Finding> findings, List<Problem> problems,
                   Optional<InputFile> input, String ignoredBecause) {
            this(reader, format, findings, problems, input, ignoredBecause, false, 0);
        }

        FileResult withFolded(long n) { return new FileResult(reader, format, findings, problems, input, ignoredBecause, false, n); }
    }

    /**
     * Files at least this large are hashed on a thread of their own while their reader parses them;
     * smaller ones are hashed by the reader's stream on the way (no second pass, no thread).
     */
    static final long HASH_APART_BYTES = 64L << 20;

    private List<FileResult> readAll(List<InputSource> sources, long[] sizes, boolean deferRuns) throws IOException {
        if (parallelism > 1) {
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] >= HASH_APART_BYTES) sources.get(i).hashInBackground(hashPool());
            }
        }
        return ParallelMap.map(sources, parallelism, "carbonpaper-read", "reading the logs", source -> readOne(source, deferRuns));
    }

    private ExecutorService hashPool;

    private ExecutorService hashPool() {
        if (hashPool == null) {
            // One hashing thread: hashing is faster than parsing, so one keeps ahead of the readers.
            hashPool = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "carbonpaper-hash");
                t.setDaemon(true);
                return t;
            });
        }
        return hashPool;
    }

    private FileResult readOne(InputSource source, boolean deferRuns) {
        if (source.name().equals(ProjectConfigReader.FILE_NAME))
            return new FileResult(null, Optional.of("carbonpaper-config"), List.of(), List.of(), Optional.empty(), "project configuration");
        if (isLfsPointer(source)) {
            // A repository cloned without Git LFS holds pointers where its large files were: an event file or a trace
            // that is only a pointer is a log the user does not have, said as such (weights and the like quietly).
            Optional<String> plain = notALog(source.name());
            List<Problem> note = plain.isPresent() ? List.of() : List.of(Problem.note(source.name(), 0,
                    "a Git LFS pointer, not the file itself: its content was never fetched ('git lfs pull' in its repository brings it); ignored"));
            return new FileResult(null, Optional.of("git-lfs-pointer"), List.of(), note, Optional.empty(),
                    plain.map(k -> "not a log (" + k + ", as a Git LFS pointer)").orElse("a Git LFS pointer, not the file itself"));
        }
        Optional<LogReader> detected = registry.detect(source);
        if (detected.isEmpty())
            return new FileResult(null, Optional.empty(), List.of(), List.of(), Optional.empty(), "no reader recognises its content: " + whatItLooksLike(source));
        LogReader reader = detected.get();
        if (deferRuns && reader.runsComeTogether())
            return new FileResult(reader, Optional.of(reader.format()), List.of(), List.of(), Optional.empty(), "", true, 0);
        List<Finding> findings = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        return read(source, reader, findings, problems, new FindingSink() {
            @Override public void accept(Finding f) { findings.add(f); }

            @Override public void problem(Problem p) { problems.add(p); }
        });
    }

    /** Reads a file whose runs come together, handing each run to {@code folding} as soon as its findings end. */
    private FileResult readRuns(InputSource source, LogReader reader, RunFolding folding) throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        RunFolding.FileSink sink = folding.sink(source.name(), reader.experimentFolder(source), findings, problems);
        FileResult r = read(source, reader, findings, problems, sink);
        sink.close(); // the last run, and a failure of the fold itself (not the file's) rethrown
        return r.withFolded(sink.folded());
    }

    private FileResult read(InputSource source, LogReader reader, List<Finding> findings, List<Problem> problems, FindingSink sink) {
        try {
            reader.read(source, sink);
        } catch (InputException e) {
            problems.add(Problem.error(source.name(), e.line(), e.getMessage()));
        } catch (IOException e) {
            problems.add(Problem.error(source.name(), 0, "cannot be read: " + e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // A reader bug must not take the other experiments down; say what happened, without a stack trace.
            problems.add(Problem.error(source.name(), 0, "could not be read as " + reader.format() + ": " + e));
        }
        Optional<InputFile> input = Optional.empty();
        try {
            input = Optional.of(new InputFile(source.name(), source.size(), source.sha256(), reader.format()));
        } catch (IOException e) {
            problems.add(Problem.warning(source.name(), 0, "cannot be hashed: " + e.getMessage()));
        }
        return new FileResult(reader, Optional.of(reader.format()), findings, problems, input, "");
    }

    private static void merge(InputSource source, FileResult r, Map<String, ExperimentDraft> drafts, List<Problem> global,
                              List<FileVerdict> verdicts, Map<String, FileVerdict> claims) {
        if (r.reader() == null) {
            verdicts.add(new FileVerdict(source.name(), r.format(), Optional.empty(), r.ignoredBecause()));
            global.addAll(r.problems());
            return;
        }
        String folder = r.reader().experimentFolder(source);
        Set<String> keys = new LinkedHashSet<>();
        for (Finding f : r.findings()) {
            String key = f.experimentKey() == null ? folder : f.experimentKey();
            drafts.computeIfAbsent(key, k -> new ExperimentDraft(k, folder)).add(f, source.name());
            keys.add(key);
        }
        boolean failed = r.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
        if (keys.isEmpty() && failed && r.folded() == 0) keys.add(folder); // a broken manifest still names its experiment in the report
        ExperimentDraft home = drafts.get(folder);
        if (home == null && keys.contains(folder)) home = drafts.computeIfAbsent(folder, k -> new ExperimentDraft(k, folder));
        if (home != null) home.problems.addAll(r.problems());
        else global.addAll(r.problems());

        if (!keys.isEmpty() && r.input().isPresent()) {
            for (String k : keys) drafts.get(k).inputs.add(r.input().get());
        }
        long runs = keys.size() + r.folded();
        String joined = runs == 1 && r.folded() == 0 ? keys.iterator().next() : runs + " experiments";
        Optional<String> experiment = runs == 0 ? Optional.empty() : Optional.of(joined);
        verdicts.add(new FileVerdict(source.name(), r.format(), experiment,
                r.folded() > 0 ? "runs named in the file (" + r.folded() + " folded into the totals as they were read)"
                : keys.isEmpty() ? "recognised but held nothing to report"
                        : keys.size() == 1 && keys.contains(folder)
                        ? (folder.equals(InputSource.folderOf(source.name())) ? "in the experiment's folder"
                                : folder.isEmpty() ? "in the run folder (the logs folder itself)" : "in the run folder " + folder)
                        : "runs named in the file"));
        if (!failed) {
            for (String claimed : r.reader().claimedFolders(source))
                claims.putIfAbsent(claimed, new FileVerdict(source.name(), r.format(), experiment, ""));
        }
    }

    /** The first line of every Git LFS pointer file (git-lfs docs/spec.md, version 1). */
    private static final String LFS_POINTER = "version https://git-lfs.github.com/spec/v1";

    /** A Git LFS pointer: a text file of under 1024 bytes whose first line names the LFS specification. */
    static boolean isLfsPointer(InputSource source) {
        try {
            if (source.size() >= 1024) return false;
        } catch (IOException e) {
            return false;
        }
        return source.headText().startsWith(LFS_POINTER);
    }

    /** Model and tokenizer files that Hugging Face, PyTorch and Keras save beside (or inside) a run's logs. */
    private static final Set<String> MODEL_FILES = Set.of("config.json", "generation_config.json", "adapter_config.json",
            "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
            "vocab.json", "vocab.txt", "merges.txt", "spiece.model", "tokenizer.model", "sentencepiece.bpe.model",
            "training_args.bin", "optimizer.pt", "scheduler.pt", "scaler.pt", "model.safetensors.index.json",
            "pytorch_model.bin.index.json", "chat_template.jinja", "requirements.txt");
    private static final List<String> WEIGHT_ENDINGS = List.of(".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".h5", ".keras",
            ".onnx", ".pkl", ".npy", ".npz", ".gguf");
    private static final List<String> OTHER_ENDINGS = List.of(".py", ".ipynb", ".sh", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".pdf");

    /**
     * What a file plainly is when it is no log: documentation (README, LICENSE, Markdown), a model or
     * tokenizer file, weights, code or a picture. Empty when it may be a log carbonpaper cannot read.
     */
    static Optional<String> notALog(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("readme") || name.startsWith("license") || name.startsWith("changelog")
                || name.endsWith(".md") || name.endsWith(".rst")) return Optional.of("documentation");
        if (MODEL_FILES.contains(name) || name.startsWith("rng_state")) return Optional.of("model or tokenizer file");
        for (String e : WEIGHT_ENDINGS) if (name.endsWith(e)) return Optional.of("model weights or saved state");
        for (String e : OTHER_ENDINGS) if (name.endsWith(e)) return Optional.of("code or picture");
        return Optional.empty();
    }

    /** A short description of an unrecognised file's content, so the note says what was found instead. */
    static String whatItLooksLike(InputSource source) {
        try {
            if (source.size() == 0) return "the file is empty";
            if (source.isGzip() && source.head().length == 0) return "a gzip file that cannot be decompressed";
        } catch (IOException e) {
            return "it cannot be read (" + e.getMessage() + ")";
        }
        byte[] head = source.head();
        int controls = 0;
        for (int i = 0; i < Math.min(head.length, 512); i++) {
            int b = head[i] & 0xff;
            if (b == 0 || (b < 32 && b != '\n' && b != '\r' && b != '\t')) controls++;
        }
        if (controls > 0) return "binary content (not UTF-8 text)" + (head.length > 1 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE ? ", perhaps UTF-16" : "");
        String text = source.headText();
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).strip();
        if (first.length() > 60) first = first.substring(0, 60) + "...";
        return "text starting '" + first.replaceAll("\\p{Cntrl}", "?") + "'";
    }

}
