package io.carbonpaper.task;

import io.carbonpaper.reference.GridCatalog;
import io.carbonpaper.reference.RegionLookup;
import io.carbonpaper.settings.ProjectConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The project's region settings checked against the grid catalog before anything is written: a
 * name that gives no figure is a usage error naming the setting and the accepted values, and a
 * name read as something other than a key is said out loud.
 *
 * @param problems one line per unusable setting, empty when all are usable
 * @param notices  what the project's {@code region} was read as, where that is worth saying
 */
record RegionCheck(List<String> problems, List<String> notices) {
    RegionCheck {
        problems = List.copyOf(problems);
        notices = List.copyOf(notices);
    }

    /**
     * Checks {@code region} and every entry of {@code regions}; {@code origin} names where a setting's
     * value came from ({@code --region}, {@code --set region=X}, {@code carbonpaper.yaml:3: region}),
     * and is asked only when there is a problem to report.
     */
    static RegionCheck of(ProjectConfig config, Function<String, String> origin, GridCatalog grids) {
        List<String> problems = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        if (config.region().isPresent()) {
            RegionLookup r = grids.lookup(config.region().get());
            if (r instanceof RegionLookup.Found f) f.notice().ifPresent(notices::add);
            else problems.add(origin.apply("region") + ": " + r.problem());
        }
        for (String name : config.regions()) {
            RegionLookup r = grids.lookup(name);
            if (!(r instanceof RegionLookup.Found)) problems.add(origin.apply("regions") + ": " + r.problem());
        }
        return new RegionCheck(problems, notices);
    }

    /** The first problem, if any. */
    Optional<String> firstProblem() { return problems.stream().findFirst(); }
}
