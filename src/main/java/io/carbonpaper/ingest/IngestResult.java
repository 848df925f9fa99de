package io.carbonpaper.ingest;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.settings.ProjectConfig;

import java.util.List;

/**
 * Everything read from a logs folder.
 *
 * @param problems    problems that belong to no experiment (unreadable folders, unrecognised files)
 * @param subprojects folders (relative to the logs folder) with a carbonpaper.yaml of their own,
 *                    not read here: each is a project of its own
 */
public record IngestResult(ProjectConfig config, List<Experiment> experiments, List<FileVerdict> files,
                           List<Problem> problems, List<String> subprojects) {
    public IngestResult {
        subprojects = List.copyOf(subprojects);
    }

    public IngestResult(ProjectConfig config, List<Experiment> experiments, List<FileVerdict> files, List<Problem> problems) {
        this(config, experiments, files, problems, List.of());
    }

    /** The same, with the experiments replaced (after enrichment from another source). */
    public IngestResult withExperiments(List<Experiment> replaced) {
        return new IngestResult(config, replaced, files, problems, subprojects);
    }

    /** The same, with the problems that belong to no experiment replaced. */
    public IngestResult withProblems(List<Problem> replaced) {
        return new IngestResult(config, experiments, files, replaced, subprojects);
    }
}
