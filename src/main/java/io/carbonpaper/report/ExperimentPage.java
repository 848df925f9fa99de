package io.carbonpaper.report;

import io.carbonpaper.model.InputFile;
import io.carbonpaper.model.Problem;

import java.util.List;

/**
 * One experiment's page: its inputs, the method behind its energy, its data quality.
 *
 * @param slug the page's file name stem: a safe slug of the key (never a path from a log)
 * @param chart the power-over-time chart's file name in the site, or empty
 */
public record ExperimentPage(String key, String slug, String name, String group, boolean included, List<Fact> facts,
                             List<InputFile> inputs, List<Fact> quality, List<Problem> problems, String chart) {
    public ExperimentPage {
        facts = List.copyOf(facts);
        inputs = List.copyOf(inputs);
        quality = List.copyOf(quality);
        problems = List.copyOf(problems);
    }

    public String href() { return "experiments/" + slug + ".html"; }

    /** Its problems and notes counted apart ({@code 1 problem}, {@code 3 notes}), for the list of experiments. */
    public ProblemTally tally() { return ProblemTally.of(problems); }
}
