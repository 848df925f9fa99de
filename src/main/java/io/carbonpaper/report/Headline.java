package io.carbonpaper.report;

import java.util.List;

/**
 * The figures at the top of the report, already formatted.
 *
 * @param experiments every experiment of the report
 * @param excluded    those without an energy figure (the totals leave them out)
 * @param coverage    how many have an energy figure and why the others do not, as a sentence
 * @param defaults    each default the estimates used (PUE, grid, price list) and the setting that changes it, a sentence each
 */
public record Headline(String energy, String co2e, String cost, String grid, String pue, int experiments, int excluded, String coverage,
                       List<String> defaults) {
    public Headline {
        defaults = List.copyOf(defaults);
    }
}
