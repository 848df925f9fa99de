package io.carbonpaper;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-way flow of docs/architecture.md, checked on the compiled main classes: a class may use
 * classes of its own room and of rooms below it, never of a room above. Run alone with
 * {@code mvn -B test -Dtest=ArchitectureTest}.
 */
class ArchitectureTest {
    /**
     * The rooms, top to bottom. A room is a package with its sub-packages, except where a
     * sub-package is a room of its own (the longest matching prefix wins). Inside a room classes
     * may use each other freely.
     */
    static final List<String> ROOMS = List.of(
            "cli",
            "task",
            "record",
            "render",
            "report",
            "estimate",
            "ingest",                  // the core: scanning, the registry, experiment assembly
            "ingest.cluster",          // Slurm, the Prometheus server
            "ingest.tracker",          // W&B, MLflow, Hydra
            "ingest.training",         // Hugging Face, Lightning, fairseq, TensorBoard, Keras
            "ingest.tool",             // CodeCarbon, Eco2AI, experiment-impact-tracker, carbontracker
            "ingest.trace.nvidiasmi",  // the nvidia-smi CSV reader
            "ingest.trace",            // power traces and the integration they share
            "ingest.grid",             // hourly grid intensity series (Electricity Maps, EIA, plain CSV)
            "settings",                // carbonpaper.yaml and experiment.yaml
            "ingest.source",           // a file of the logs folder, the LogReader contract, decoding primitives
            "reference",
            "model",
            "unit",
            "concurrent");             // ParallelMap: ordered parallel work, used by ingest, task and render

    private static final String ROOT = "io.carbonpaper";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    /** Libraries only some outputs need: templates, charts, PDF (issue 20: loaded only when that output is asked for). */
    static final List<String> OUTPUT_LIBRARIES = List.of("freemarker.", "org.jfree.", "com.openhtmltopdf.", "org.apache.pdfbox.", "java.awt.");

    /**
     * The output libraries a class can reach: its dependencies followed through carbonpaper's own
     * classes (a static over-approximation of what running it may load).
     */
    static java.util.SortedSet<String> outputLibrariesReachedFrom(Class<?> start) {
        java.util.SortedSet<String> reached = new TreeSet<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<JavaClass> todo = new java.util.ArrayDeque<>(List.of(classes.get(start)));
        while (!todo.isEmpty()) {
            JavaClass c = todo.pop();
            if (!seen.add(c.getName())) continue;
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass t = d.getTargetClass();
                String name = t.getName();
                for (String lib : OUTPUT_LIBRARIES) if (name.startsWith(lib)) reached.add(c.getName() + " -> " + name);
                if (name.startsWith(ROOT + ".") && classes.contain(name) && !seen.contains(name)) todo.push(classes.get(name));
            }
        }
        return reached;
    }

    @Test
    void estimateAndInspectNeverReachTemplatesChartsOrPdf() {
        assertThat(outputLibrariesReachedFrom(io.carbonpaper.task.EstimateTask.class)).isEmpty();
        assertThat(outputLibrariesReachedFrom(io.carbonpaper.task.InspectTask.class)).isEmpty();
    }

    @Test
    void theReachCheckSeesAReportsOutputs() {
        assertThat(outputLibrariesReachedFrom(io.carbonpaper.task.ReportTask.class)).anyMatch(s -> s.contains("-> freemarker."))
                .anyMatch(s -> s.contains("-> org.jfree.")).anyMatch(s -> s.contains("-> com.openhtmltopdf."));
    }

    /** The room of a package, by the longest listed prefix; {@code null} outside carbonpaper. */
    static String roomOf(String pkg) {
        if (!pkg.equals(ROOT) && !pkg.startsWith(ROOT + ".")) return null;
        String rel = pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1);
        String best = null;
        for (String room : ROOMS)
            if ((rel.equals(room) || rel.startsWith(room + ".")) && (best == null || room.length() > best.length())) best = room;
        return best == null ? "(unlisted) " + rel : best;
    }

    @Test
    void everyPackageBelongsToAListedRoom() {
        TreeSet<String> unlisted = new TreeSet<>();
        for (JavaClass c : classes) {
            String room = roomOf(c.getPackageName());
            if (room != null && room.startsWith("(unlisted)")) unlisted.add(c.getPackageName());
        }
        assertThat(unlisted).as("packages outside every room of ArchitectureTest.ROOMS").isEmpty();
    }

    @Test
    void noRoomUsesARoomAboveIt() {
        TreeSet<String> upward = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = roomOf(c.getPackageName());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = roomOf(d.getTargetClass().getPackageName());
                if (from == null || to == null || from.equals(to)) continue;
                if (ROOMS.indexOf(to) < ROOMS.indexOf(from))
                    upward.add(from + " -> " + to + ": " + c.getName() + " uses " + d.getTargetClass().getName());
            }
        }
        assertThat(upward).as("dependencies pointing upward").isEmpty();
    }

    @Test
    void theCheckSeesAnUpwardDependency() {
        // The rule itself: a reader using the core would be upward; the core using a reader is not.
        assertThat(ROOMS.indexOf(roomOf("io.carbonpaper.ingest"))).isLessThan(ROOMS.indexOf(roomOf("io.carbonpaper.ingest.tracker.wandb")));
        assertThat(roomOf("io.carbonpaper.ingest.trace.nvidiasmi")).isEqualTo("ingest.trace.nvidiasmi");
        assertThat(roomOf("io.carbonpaper.ingest.cluster.prometheus")).isEqualTo("ingest.cluster");
        assertThat(roomOf("com.example")).isNull();
    }
}
