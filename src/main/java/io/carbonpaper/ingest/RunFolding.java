package io.carbonpaper.ingest;

import io.carbonpaper.ingest.source.FindingSink;
import io.carbonpaper.ingest.source.RunIds;
import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands the runs of files read run by run ({@link io.carbonpaper.ingest.source.LogReader#runsComeTogether})
 * to an {@link Ingestor.Fold} as soon as each run's findings end, once the project has more
 * experiments than {@link ProjectConfig#foldsExperiments} keeps whole (issue 20). Until then runs are kept like any other
 * experiment, so a small project's report is what it always was; when the count passes the limit,
 * the runs kept so far are folded too, and every later run is folded as it is read. A run named
 * again by a later file after it was folded cannot join it any more: that file's findings for it
 * are skipped with a warning (8 bytes a run remember which were folded, {@link RunIds}).
 */
final class RunFolding {
    private final Ingestor.Fold fold;
    private final Map<String, ExperimentDraft> drafts;
    private final ProjectConfig config;
    /** Keys of drafts that came from such files and are kept so far (at most the fold limit of them). */
    private final Set<String> kept = new LinkedHashSet<>();
    private final RunIds folded = new RunIds();
    private long foldedCount;
    private boolean folding;

    /** Jobs a tracker's run names ({@link JobLinks}): kept whole, never folded, so the run can join its job. */
    private final Set<String> keepWhole;

    RunFolding(Ingestor.Fold fold, Map<String, ExperimentDraft> drafts, ProjectConfig config, Set<String> keepWhole) {
        this.fold = fold;
        this.drafts = drafts;
        this.config = config;
        this.keepWhole = keepWhole;
    }

    /** The sink of one file: its runs' findings go to the fold, or to {@code keptFindings} (merged like any file's). */
    FileSink sink(String file, String folder, List<Finding> keptFindings, List<Problem> problems) {
        return new FileSink(file, folder, keptFindings, problems);
    }

    /** After every file: a project that grew past the limit only with files read later folds the runs kept too. */
    void finish() throws IOException {
        if (!folding && !kept.isEmpty() && config.foldsExperiments(drafts.size())) foldKept();
    }

    private void foldKept() throws IOException {
        folding = true;
        for (Iterator<String> i = kept.iterator(); i.hasNext(); ) {
            String key = i.next();
            i.remove();
            ExperimentDraft d = drafts.remove(key);
            if (d != null) give(d);
        }
    }

    private void give(ExperimentDraft d) throws IOException {
        folded.add(d.key);
        foldedCount++;
        fold.accept(ExperimentAssembler.assemble(d, config.experimentDefaults()));
    }

    final class FileSink implements FindingSink {
        private final String file;
        private final String folder;
        private final List<Finding> keptFindings;
        private final List<Problem> problems;
        private final List<Finding> run = new ArrayList<>();
        private String key;
        private IOException failure;
        /** This file's runs kept and not yet merged (their keys are new). */
        private int pending;
        /** This file's runs folded. */
        private long foldedHere;

        FileSink(String file, String folder, List<Finding> keptFindings, List<Problem> problems) {
            this.file = file;
            this.folder = folder;
            this.keptFindings = keptFindings;
            this.problems = problems;
        }

        @Override public void accept(Finding f) {
            String k = f.experimentKey();
            if (k == null) {
                keptFindings.add(f);
                return;
            }
            if (!k.equals(key)) {
                end();
                key = k;
            }
            run.add(f);
        }

        @Override public void problem(Problem p) { problems.add(p); }

        /** The run under way ends: folded, kept, or skipped when folded before from another file. */
        private void end() {
            if (run.isEmpty()) return;
            try {
                if (folded.contains(key)) {
                    problems.add(Problem.warning(file, 0, "run " + key + " was already read from an earlier file and folded into the"
                            + " totals; this file's record of it is skipped"));
                } else if (folding && !drafts.containsKey(key) && !keepWhole.contains(key)) {
                    ExperimentDraft d = new ExperimentDraft(key, folder);
                    for (Finding f : run) d.add(f, file);
                    give(d);
                    foldedHere++;
                } else {
                    keptFindings.addAll(run);
                    if (!drafts.containsKey(key) && !keepWhole.contains(key) && kept.add(key)) pending++;
                    // Counted as the merge will count it: the drafts so far, this file's new runs, the folded ones.
                    if (!folding && config.foldsExperiments(drafts.size() + pending + foldedCount)) {
                        foldPending();
                    }
                }
            } catch (IOException e) {
                if (failure == null) failure = e;
                throw new UncheckedIOException(e);
            } finally {
                run.clear();
            }
        }

        /** The limit is passed: this file's kept runs and the earlier files' are folded now. */
        private void foldPending() throws IOException {
            // This file's runs are still in its findings list, not yet merged: take them out, in order.
            List<Finding> keep = new ArrayList<>();
            List<Finding> mine = new ArrayList<>();
            for (Finding f : keptFindings) (f.experimentKey() != null && kept.contains(f.experimentKey()) ? mine : keep).add(f);
            keptFindings.clear();
            keptFindings.addAll(keep);
            foldKept(); // the earlier files' (merged into drafts)
            ExperimentDraft d = null;
            for (Finding f : mine) {
                if (d == null || !d.key.equals(f.experimentKey())) {
                    if (d != null) give(d);
                    d = new ExperimentDraft(f.experimentKey(), folder);
                }
                d.add(f, file);
            }
            if (d != null) give(d);
            foldedHere += pending;
            pending = 0;
        }

        /** The file is read: its last run ends; a failure of the fold is rethrown. */
        void close() throws IOException {
            if (failure == null) {
                try {
                    end();
                } catch (UncheckedIOException e) {
                    // recorded in failure
                }
            }
            if (failure != null) throw failure;
        }

        /** How many of this file's runs were folded. */
        long folded() { return foldedHere; }
    }
}
