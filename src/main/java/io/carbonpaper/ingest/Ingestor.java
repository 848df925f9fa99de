package io.carbonpaper.ingest;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.InputFile;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.ProjectConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a logs folder: the project configuration, then every file through the reader that
 * recognises it, then the experiments assembled from what was found. A file that cannot be read
 * becomes a problem of its experiment; it never stops the others. A file no reader recognises
 * inside a folder that a reader {@linkplain LogReader#claimedFolders claimed} (an MLflow run's
 * metric files, a W&B run's console log) is listed as part of that run rather than as unrecognised.
 */
public final class Ingestor {
    private final ReaderRegistry registry;

    public Ingestor(ReaderRegistry registry) { this.registry = registry; }

    /**
     * @param excluded folders inside {@code logs} not to read (the report's own output)
     * @throws InputException when carbonpaper.yaml or an override is invalid (nothing can be priced then)
     */
    public IngestResult ingest(Path logs, List<Path> excluded, Map<String, String> overrides) throws IOException {
        ProjectConfig config;
        try {
            config = ProjectConfigReader.read(logs, overrides);
        } catch (InputException e) {
            throw new InputException(e.line(), ProjectConfigReader.FILE_NAME + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage());
        }
        List<Problem> global = new ArrayList<>();
        List<FileVerdict> verdicts = new ArrayList<>();
        Map<String, ExperimentDraft> drafts = new TreeMap<>();
        Map<String, FileVerdict> claims = new TreeMap<>();
        List<Integer> unrecognised = new ArrayList<>();

        for (InputSource source : new LogScanner(logs, excluded).scan(global::add)) {
            if (source.name().equals(ProjectConfigReader.FILE_NAME)) {
                verdicts.add(new FileVerdict(source.name(), Optional.of("carbonpaper-config"), Optional.empty(), "project configuration"));
                continue;
            }
            Optional<LogReader> reader = registry.detect(source);
            if (reader.isEmpty()) {
                unrecognised.add(verdicts.size());
                verdicts.add(new FileVerdict(source.name(), Optional.empty(), Optional.empty(), "no reader recognises its content"));
                continue;
            }
            readOne(source, reader.get(), drafts, global, verdicts, claims);
        }
        // Claims are applied after the walk: a claimed folder's other files may sort before the claiming file.
        for (int i : unrecognised) {
            FileVerdict v = verdicts.get(i);
            for (String folder = folderOf(v.file()); ; folder = folderOf(folder)) {
                FileVerdict claim = claims.get(folder);
                if (claim != null) {
                    verdicts.set(i, new FileVerdict(v.file(), claim.format(), claim.experiment(), "accounted for by " + claim.file()));
                    break;
                }
                if (folder.isEmpty()) break;
            }
        }

        List<Experiment> experiments = new ArrayList<>(drafts.size());
        for (ExperimentDraft d : drafts.values()) experiments.add(ExperimentAssembler.assemble(d));
        return new IngestResult(config, List.copyOf(experiments), List.copyOf(verdicts), List.copyOf(global));
    }

    private static void readOne(InputSource source, LogReader reader, Map<String, ExperimentDraft> drafts,
                                List<Problem> global, List<FileVerdict> verdicts, Map<String, FileVerdict> claims) {
        String folder = reader.experimentFolder(source);
        Set<String> keys = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        FindingSink sink = new FindingSink() {
            @Override public void accept(Finding f) {
                String key = f.experimentKey() == null ? folder : f.experimentKey();
                drafts.computeIfAbsent(key, k -> new ExperimentDraft(k, folder)).add(f, source.name());
                keys.add(key);
            }

            @Override public void problem(Problem p) { problems.add(p); }
        };
        try {
            reader.read(source, sink);
        } catch (InputException e) {
            problems.add(Problem.error(source.name(), e.line(), e.getMessage()));
        } catch (IOException e) {
            problems.add(Problem.error(source.name(), 0, "cannot be read: " + e.getMessage()));
        } catch (RuntimeException e) {
            // A reader bug must not take the other experiments down; say what happened, without a stack trace.
            problems.add(Problem.error(source.name(), 0, "could not be read as " + reader.format() + ": " + e));
        }
        boolean failed = problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
        if (keys.isEmpty() && failed) keys.add(folder); // a broken manifest still names its experiment in the report
        ExperimentDraft home = drafts.get(folder);
        if (home == null && keys.contains(folder)) home = drafts.computeIfAbsent(folder, k -> new ExperimentDraft(k, folder));
        if (home != null) home.problems.addAll(problems);
        else global.addAll(problems);

        if (!keys.isEmpty()) {
            InputFile input = new InputFile(source.name(), size(source.path()), sha256(source.path()), reader.format());
            for (String k : keys) drafts.get(k).inputs.add(input);
        }
        String joined = keys.size() == 1 ? keys.iterator().next() : keys.size() + " experiments";
        Optional<String> experiment = keys.isEmpty() ? Optional.empty() : Optional.of(joined);
        verdicts.add(new FileVerdict(source.name(), Optional.of(reader.format()), experiment,
                keys.isEmpty() ? "recognised but held nothing to report"
                        : keys.size() == 1 && keys.contains(folder)
                        ? (folder.equals(folderOf(source.name())) ? "in the experiment's folder" : "in the run folder " + folder)
                        : "runs named in the file"));
        if (!failed) {
            for (String claimed : reader.claimedFolders(source))
                claims.putIfAbsent(claimed, new FileVerdict(source.name(), Optional.of(reader.format()), experiment, ""));
        }
    }

    static String folderOf(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
