package io.carbonpaper.reference;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a region name, as a user typed it, comes to in the grid catalog ({@link GridCatalog#lookup}).
 * Exactly one of: a grid ({@link Found}), several grids the name could mean ({@link Ambiguous}), a
 * name the catalog knows but has no figure for ({@link NoFigure}), or a name it does not know
 * ({@link Unknown}, with the closest names it does).
 */
public sealed interface RegionLookup {
    /** The name as asked. */
    String asked();

    /** The grid, when the name means exactly one catalogued figure. */
    default Optional<GridIntensity> grid() { return Optional.empty(); }

    /**
     * One line saying why the name gives no figure and what would, naming the accepted values;
     * empty for {@link Found}.
     */
    String problem();

    /**
     * @param via how the name was read ({@code ""} when it is the grid's own key), e.g.
     *            {@code "ISO 3166 alpha-2 code DE"} or the grid operator's note
     */
    record Found(String asked, GridIntensity found, String via) implements RegionLookup {
        @Override public Optional<GridIntensity> grid() { return Optional.of(found); }
        @Override public String problem() { return ""; }

        /**
         * The line a run prints when it takes this grid: what the name was read as and the figure it
         * gives; empty when the name is the grid's key and says nothing surprising. The US keys always
         * say which year they mean, since {@code US} is the paper's 2018 figure, not today's grid.
         */
        public Optional<String> notice() {
            boolean us = found.key().equalsIgnoreCase("us") || found.key().equalsIgnoreCase(GridCatalog.DEFAULT_KEY);
            if (via.isEmpty() && !us) return Optional.empty();
            String figure = String.format(java.util.Locale.ROOT, "%s, %.0f g/kWh (%d, source %s)", found.name(),
                    found.intensity().gramsPerKilowattHour(), found.year(), found.source());
            return Optional.of("region '" + asked + "' is " + found.key() + ": " + figure
                    + (via.isEmpty() ? "" : "; " + via)
                    + (us ? "; this is the paper's 2018 US average, not today's grid: USA is Ember's latest US figure,"
                    + " us-egrid-2023 EPA's (eGRID2023), and a state, eGRID subregion or grid operator names its own grid (California,"
                    + " US-TX, CAMX, ERCOT)" : ""));
        }
    }

    /** The name means more than one grid (Georgia the country and the US state, a cloud region several providers use). */
    record Ambiguous(String asked, List<GridIntensity> candidates) implements RegionLookup {
        public Ambiguous { candidates = List.copyOf(candidates); }
        @Override public String problem() {
            return "region '" + asked + "' could be " + candidates.stream().map(g -> g.key() + " (" + g.name() + ")")
                    .collect(Collectors.joining(", ")) + "; name one of these keys";
        }
    }

    /** A known name (a grid operator) the catalog has no single figure for; {@code candidates} are the grids it spans. */
    record NoFigure(String asked, String note, List<GridIntensity> candidates) implements RegionLookup {
        public NoFigure { candidates = List.copyOf(candidates); }
        @Override public String problem() {
            return "region '" + asked + "': the grid catalog has no figure for it. " + note
                    + (candidates.isEmpty() ? " Set carbon_intensity to a figure you can cite."
                    : " Name one of " + candidates.stream().map(g -> g.key() + " (" + g.name() + ")").collect(Collectors.joining(", ")) + ".");
        }
    }

    /** A name the catalog does not know; {@code closest} are real names near it, best first. */
    record Unknown(String asked, List<String> closest) implements RegionLookup {
        public Unknown { closest = List.copyOf(closest); }
        @Override public String problem() {
            return "unknown region '" + asked + "'" + (closest.isEmpty() ? "" : "; closest: " + String.join(", ", closest))
                    + " (regions are ISO 3166 codes or country names, US states, eGRID subregions, grid operators such as"
                    + " CAISO or ERCOT, cloud regions such as aws:us-east-1; 'carbonpaper catalog regions' lists them all)";
        }
    }
}
