package io.carbonpaper.ingest;

import io.carbonpaper.model.Experiment;
import io.carbonpaper.model.Problem;
import io.carbonpaper.model.ProjectConfig;

import java.util.List;

/**
 * Everything read from a logs folder.
 *
 * @param problems problems that belong to no experiment (unreadable folders, unrecognised files)
 */
public record IngestResult(ProjectConfig config, List<Experiment> experiments, List<FileVerdict> files,
                           List<Problem> problems) {}
