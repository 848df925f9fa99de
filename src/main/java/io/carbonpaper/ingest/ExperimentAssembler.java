package io.carbonpaper.ingest;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Hardware;
import io.carbonpaper.model.Overrides;
import io.carbonpaper.model.JobRecord;
import io.carbonpaper.model.Plausible;
import io.carbonpaper.reference.AcceleratorCatalog;
import io.carbonpaper.reference.AcceleratorSpec;
import io.carbonpaper.settings.ExperimentDefaults;
import io.carbonpaper.settings.Manifest;
import io.carbonpaper.settings.ManifestReader;
import io.carbonpaper.settings.ProjectConfigReader;
import io.carbonpaper.model.CpuInfo;
import io.carbonpaper.model.RunInfo;
import io.carbonpaper.model.ToolEnergyReport;
import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.model.TraceRuns;
import io.carbonpaper.model.TrainingLog;
import io.carbonpaper.unit.Hours;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the findings of one experiment into an {@link Experiment}. Evidence is ranked: a
 * manifest overrides or completes what logs tell (it is the user speaking), training logs give
 * the run's time span and metrics, traces give hardware and a span of their own. Tracker run
 * information ({@link RunInfo}) names and groups the run and fills in hardware a trace lacks; of
 * several device counts the one with the strongest {@link RunInfo.CountEvidence} is taken. A
 * cluster job record (sacct) names the experiment ({@code JobName #id}, grouped by job name) and
 * gives its hours (Elapsed) and, without a manifest, its hardware: its GPU count, and its GPU
 * type unless the devices' own name (a joined run's trace or metadata) is a catalogued part the
 * type is not.
 */
final class ExperimentAssembler {
    private ExperimentAssembler() {}

    static Experiment assemble(ExperimentDraft d) { return assemble(d, ExperimentDefaults.NONE); }

    /**
     * @param defaults carbonpaper.yaml's word for many experiments: a {@code folders:} rule that
     *                 matches the experiment's folder counts as its manifest where its own
     *                 experiment.yaml is silent; {@code defaults:} fills only what no evidence gave
     */
    static Experiment assemble(ExperimentDraft d, ExperimentDefaults defaults) {
        Optional<ExperimentDefaults.FolderRule> rule = defaults.forFolder(d.folder);
        rule.ifPresent(r -> d.add(r.manifest(), ProjectConfigReader.FILE_NAME));
        Optional<Manifest> manifest = d.all(Manifest.class).stream().reduce(Manifest::or);
        Optional<Manifest> fallback = defaults.all();
        List<TraceSummary> traces = d.all(TraceSummary.class);
        List<ToolEnergyReport> tools = d.all(ToolEnergyReport.class);
        List<TrainingLog> logs = d.all(TrainingLog.class);
        List<RunInfo> runs = d.all(RunInfo.class);
        Optional<JobRecord> job = d.all(JobRecord.class).stream().findFirst();

        String dirName = d.folder.isEmpty() ? "logs" : d.folder.substring(d.folder.lastIndexOf('/') + 1);
        String parent = d.folder.contains("/") ? d.folder.substring(0, d.folder.lastIndexOf('/')) : "";
        String name = manifest.flatMap(Manifest::name).or(() -> job.map(JobRecord::name)).or(() -> first(runs, RunInfo::name))
                .orElse(d.key.equals(d.folder) ? dirName : d.key);
        String group = manifest.flatMap(Manifest::group).or(() -> job.map(JobRecord::group)).or(() -> first(runs, RunInfo::group))
                .orElse(parent.isEmpty() ? name : parent);
        Optional<String> label = manifest.flatMap(Manifest::label).or(() -> first(runs, RunInfo::label));

        Optional<Hardware> hardware = hardware(d, manifest, job, traces, tools, runs);
        if (hardware.isEmpty() && fallback.flatMap(Manifest::accelerator).isPresent()) {
            Manifest f = fallback.get();
            hardware = Optional.of(new Hardware(f.accelerator().get(), f.count().orElse(1),
                    ProjectConfigReader.FILE_NAME, f.lineOf("hardware.accelerator")));
        }

        Optional<Hours> hours = Optional.empty();
        String hoursSource = "";
        if (manifest.flatMap(Manifest::hours).isPresent()) {
            hours = manifest.get().hours();
            hoursSource = "manifest";
        } else if (job.flatMap(JobRecord::elapsed).isPresent()) {
            hours = job.get().elapsed();
            hoursSource = "sacct Elapsed";
        } else {
            // A runtime that is the run's outranks one that only runs to the last log call; the
            // latter yields to a longer trace of the same run (a W&B run that crashed after its last log).
            Optional<TrainingLog> timed = logs.stream().filter(l -> l.runtime().isPresent() && !l.runtimeLowerBound()).findFirst()
                    .or(() -> logs.stream().filter(l -> l.runtime().isPresent()).findFirst());
            if (timed.isPresent()) {
                TrainingLog l = timed.get();
                hours = l.runtime();
                hoursSource = l.format() + " (" + l.runtimeSource() + ")";
                Optional<Hours> span = l.runtimeLowerBound() ? TraceSummary.span(traces) : Optional.empty();
                if (span.isPresent() && span.get().value() > hours.get().value()) {
                    hours = span;
                    hoursSource = "trace time span (longer than " + l.format() + " " + l.runtimeSource() + ")";
                }
            }
            if (hours.isEmpty()) {
                hours = toolHours(tools);
                if (hours.isPresent()) hoursSource = tools.get(0).tool() + " duration";
            }
            if (hours.isEmpty() && !traces.isEmpty()) {
                hours = TraceSummary.span(traces);
                hoursSource = "trace time span";
            }
            if (hours.isEmpty() && fallback.flatMap(Manifest::hours).isPresent()) {
                hours = fallback.get().hours();
                hoursSource = ProjectConfigReader.FILE_NAME + " defaults";
            }
        }

        // The readers report implausible values at their lines; this keeps any they let through
        // (a reader not yet bounded, a sum of plausible parts) out of the arithmetic downstream.
        String implausible = hours.isEmpty() ? null
                : Plausible.hours(hoursSource.isEmpty() ? "the run time" : "the run time (" + hoursSource + ")", hours.get().value());
        if (implausible != null) {
            d.problems.add(io.carbonpaper.model.Problem.warning(d.folder.isEmpty() ? "." : d.folder, 0, implausible));
            hours = Optional.empty();
        }

        Optional<Instant> start = logs.stream().flatMap(l -> l.start().stream()).filter(ExperimentAssembler::plausible).min(Comparator.naturalOrder());
        if (start.isEmpty()) start = traces.stream().map(TraceSummary::first).filter(ExperimentAssembler::plausible).min(Comparator.naturalOrder());
        if (start.isEmpty()) start = tools.stream().flatMap(t -> t.start().stream()).filter(ExperimentAssembler::plausible).min(Comparator.naturalOrder());
        if (start.isEmpty()) start = job.flatMap(JobRecord::start).filter(ExperimentAssembler::plausible);
        Optional<Instant> end = logs.stream().flatMap(l -> l.end().stream()).filter(ExperimentAssembler::plausible).max(Comparator.naturalOrder());
        if (end.isEmpty()) end = job.flatMap(JobRecord::end).filter(ExperimentAssembler::plausible);
        if (end.isEmpty()) end = traces.stream().map(TraceSummary::last).filter(ExperimentAssembler::plausible).max(Comparator.naturalOrder());

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> hyper = new LinkedHashMap<>();
        for (TrainingLog l : logs) {
            metrics.putAll(l.metrics());
            hyper.putAll(l.hyperparameters());
        }
        manifest.ifPresent(m -> {
            metrics.putAll(m.metrics());
            hyper.putAll(m.hyperparameters());
        });

        return new Experiment(d.key, name, group, label,
                manifest.flatMap(Manifest::isFinal).orElse(false), hardware, hours, hoursSource,
                declared(manifest, fallback, Manifest::powerWatts), declared(manifest, fallback, Manifest::tdpWatts),
                manifest.map(Manifest::overrides).orElse(Overrides.NONE).or(fallback.map(Manifest::overrides).orElse(Overrides.NONE)), start, end, traces, tools, metrics, hyper, d.inputs, d.problems,
                cpu(d.all(CpuInfo.class)), 0, job.map(JobRecord::details).orElse(Map.of()));
    }

    /**
     * The CPU the logs name: the manifest's model, else the first model named, with that file's core
     * count or else the first count given.
     */
    static Optional<CpuInfo> cpu(List<CpuInfo> named) {
        if (named.isEmpty()) return Optional.empty();
        Optional<CpuInfo> withModel = named.stream().filter(c -> c.source().equals(ManifestReader.MANIFEST_CPU)).findFirst()
                .or(() -> named.stream().filter(c -> c.model().isPresent()).findFirst());
        Optional<Integer> cores = withModel.flatMap(CpuInfo::cores).or(() -> named.stream().flatMap(c -> c.cores().stream()).findFirst());
        CpuInfo first = withModel.orElse(named.get(0));
        return Optional.of(new CpuInfo(first.source(), first.model(), cores, first.key()));
    }

    /**
     * The time the tools' figures cover: the length of the union of their intervals ({@code start}
     * to {@code start + duration}). Ranks of one run overlap and count once; runs one after another
     * (several CodeCarbon runs appended to one file) add up. A figure without a start cannot be
     * placed in time: the result is then at least the longest such duration.
     */
    static Optional<Hours> toolHours(List<ToolEnergyReport> tools) {
        List<Instant[]> spans = new java.util.ArrayList<>();
        Optional<Hours> unplaced = Optional.empty();
        for (ToolEnergyReport t : tools) {
            if (t.duration().isEmpty()) continue;
            Optional<Instant> end = t.end();
            if (end.isPresent()) spans.add(new Instant[]{t.start().get(), end.get()});
            else if (unplaced.isEmpty() || t.duration().get().compareTo(unplaced.get()) > 0) unplaced = t.duration();
        }
        if (spans.isEmpty()) return unplaced;
        spans.sort(Comparator.comparing((Instant[] a) -> a[0]));
        double seconds = 0;
        Instant from = spans.get(0)[0], to = spans.get(0)[1];
        for (Instant[] span : spans) {
            if (span[0].isAfter(to)) {
                seconds += java.time.Duration.between(from, to).toNanos() / 1e9;
                from = span[0];
                to = span[1];
            } else if (span[1].isAfter(to)) {
                to = span[1];
            }
        }
        seconds += java.time.Duration.between(from, to).toNanos() / 1e9;
        Hours union = Hours.ofSeconds(seconds);
        return Optional.of(unplaced.filter(u -> u.compareTo(union) > 0).orElse(union));
    }

    private static boolean plausible(Instant t) { return Plausible.instant(t) == null; }

    /** A value only a manifest declares: the experiment's own (or its folder rule's), else carbonpaper.yaml's {@code defaults:}. */
    private static <T> Optional<T> declared(Optional<Manifest> manifest, Optional<Manifest> fallback,
                                            java.util.function.Function<Manifest, Optional<T>> field) {
        return manifest.flatMap(field).or(() -> fallback.flatMap(field));
    }

    private static Optional<Hardware> hardware(ExperimentDraft d, Optional<Manifest> manifest, Optional<JobRecord> job,
                                               List<TraceSummary> traces, List<ToolEnergyReport> tools, List<RunInfo> runs) {
        Optional<String> acc = manifest.flatMap(Manifest::accelerator);
        Optional<Integer> count = manifest.flatMap(Manifest::count);
        String origin = d.folder;
        long line = 0;
        for (Manifest m : d.all(Manifest.class)) {
            if (m.accelerator().isPresent()) {
                origin = d.fileOf(m);
                line = m.lineOf("hardware.accelerator");
                break;
            }
        }
        if (acc.isEmpty() && job.isPresent() && job.get().accelerator().isPresent()) {
            String type = job.get().accelerator().get();
            acc = Optional.of(type);
            origin = d.fileOf(job.get());
            Optional<Named> own = ownName(d, traces, runs, tools);
            Optional<String> why = own.flatMap(o -> ownNameWins(type, o.name()));
            if (why.isPresent()) {
                d.problems.add(io.carbonpaper.model.Problem.note(own.get().file(), 0, "the accounting names the job's GPUs '" + type + "'"
                        + why.get() + "; " + own.get().file() + " names them '" + own.get().name() + "', the devices' own name, which is used"
                        + " (a cluster's GPU type is a label its administrators chose)"));
                acc = Optional.of(own.get().name());
                origin = own.get().file();
            }
        }
        if (count.isEmpty() && job.isPresent() && job.get().gpus() > 0) count = Optional.of(job.get().gpus());
        if (acc.isEmpty()) {
            Optional<Named> named = tracedOrRunName(d, traces, runs);
            if (named.isPresent()) {
                acc = Optional.of(named.get().name());
                origin = named.get().file();
            }
        }
        if (count.isEmpty() && !traces.isEmpty()) {
            // Multi-node runs add up their hosts' accelerators; files that follow each other are one run.
            long n = TraceRuns.acceleratorCount(traces);
            if (n > 0) count = Optional.of((int) n);
        }
        Optional<RunInfo> counted = Optional.empty(); // strongest evidence; the first in file order among equals
        for (RunInfo r : runs) {
            if (r.deviceCount().isPresent() && (counted.isEmpty() || r.countEvidence().compareTo(counted.get().countEvidence()) > 0))
                counted = Optional.of(r);
        }
        if (count.isEmpty() && counted.isPresent()) count = counted.get().deviceCount();
        if (acc.isEmpty()) {
            for (ToolEnergyReport t : tools) {
                if (t.devices().size() > 1 && count.isEmpty()) {
                    // A mix of devices (two different cards in one workstation): each kind as the tool listed it.
                    return Optional.of(Hardware.of(t.devices(), d.fileOf(t), 0));
                }
                if (t.accelerator().isPresent()) {
                    acc = t.accelerator();
                    origin = d.fileOf(t);
                    if (count.isEmpty()) count = t.acceleratorCount();
                    break;
                }
            }
        }
        if (acc.isEmpty()) return Optional.empty();
        if (manifest.flatMap(Manifest::accelerator).isEmpty()) line = 0;
        return Optional.of(new Hardware(acc.get(), count.orElse(1), origin, line));
    }

    /**
     * The name the devices gave themselves (NVML's, as a trace, a tracker or a tool wrote it), with
     * its file: the first trace's, else the first run's, else the first tool's of one kind of device.
     */
    private static Optional<Named> ownName(ExperimentDraft d, List<TraceSummary> traces, List<RunInfo> runs, List<ToolEnergyReport> tools) {
        Optional<Named> named = tracedOrRunName(d, traces, runs);
        if (named.isPresent()) return named;
        for (ToolEnergyReport t : tools)
            if (t.devices().size() <= 1 && t.accelerator().isPresent()) return Optional.of(new Named(t.accelerator().get(), d.fileOf(t)));
        return Optional.empty();
    }

    /** The accelerator the first trace names, else the first tracked run, with that file. */
    private static Optional<Named> tracedOrRunName(ExperimentDraft d, List<TraceSummary> traces, List<RunInfo> runs) {
        for (TraceSummary t : traces) if (t.deviceName().isPresent()) return Optional.of(new Named(t.deviceName().get(), d.fileOf(t)));
        for (RunInfo r : runs) if (r.accelerator().isPresent()) return Optional.of(new Named(r.accelerator().get(), d.fileOf(r)));
        return Optional.empty();
    }

    /** A device name and the file that gave it. */
    private record Named(String name, String file) {}

    /**
     * Why the devices' own name should stand for a job's GPUs instead of the accounting's type
     * ({@code gres/gpu:a100}), or empty when the type stands: the own name is a part the hardware
     * catalog knows, and the type either is not ("a100_80g") or is another part ("a100", read as the
     * 40 GB SXM4, for an 80 GB card; "h100" for an H100 PCIe). Where both are the same part the
     * accounting's word is kept.
     */
    private static Optional<String> ownNameWins(String type, String own) {
        AcceleratorCatalog catalog = AcceleratorCatalog.bundled();
        Optional<AcceleratorSpec> device = catalog.find(own);
        if (device.isEmpty()) return Optional.empty();
        Optional<AcceleratorSpec> typed = catalog.find(type);
        if (typed.isEmpty()) return Optional.of(", a name the hardware catalog does not know");
        if (typed.get().equals(device.get())) return Optional.empty();
        return Optional.of(" (the catalog's " + typed.get().key() + ")");
    }

    private static <T> Optional<String> first(List<T> items, java.util.function.Function<T, Optional<String>> field) {
        for (T t : items) {
            Optional<String> v = field.apply(t);
            if (v.isPresent()) return v;
        }
        return Optional.empty();
    }
}
