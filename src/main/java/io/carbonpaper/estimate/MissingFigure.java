package io.carbonpaper.estimate;

import java.util.Set;

/**
 * Why an experiment has no energy figure. The experiment still gets its row in every table (a dash
 * and {@code energy_source} {@code none}); its reason becomes one footnote, whose text says what
 * would supply the figure, and a count in the headline ("3 lack hardware").
 */
public enum MissingFigure {
    /** Its logs had errors that stopped the experiment from being assembled. */
    UNREADABLE("could not be read", "Its logs could not be read (see the problems on the experiment's page), so there is no energy figure."),
    /** Neither a manifest nor a log names an accelerator, and nothing was measured. */
    NO_HARDWARE("lack hardware", "No hardware is named and no power was measured, so there is no energy figure. Name it in the run's "
            + "experiment.yaml ('hardware: {accelerator: NAME, count: N}'), or once for many runs in carbonpaper.yaml's 'defaults:' or "
            + "'folders:'; or add a power trace."),
    /** Nothing gives the run time. */
    NO_HOURS("lack hours", "Neither a manifest nor any log gives the run time, so there is no energy figure: add 'hours: H' to the "
            + "run's experiment.yaml."),
    /** The accelerator is not in the catalog and nothing measured or declared its power. */
    UNKNOWN_DEVICE("run on accelerators the hardware catalog does not know", "The accelerator is not in the hardware catalog and no "
            + "power was measured or declared, so there is no energy figure: give its TDP with 'hardware.tdp_watts: W' in experiment.yaml "
            + "(or carbonpaper.yaml's 'defaults:'), or record a power trace."),
    /** A run on CPUs alone whose CPU the catalog does not know, or whose log names only a core count. */
    UNKNOWN_CPU("ran on a CPU the CPU catalog does not know", "The run used no accelerator, and its log names a CPU the CPU catalog "
            + "does not know (or only a core count), so its power is not guessed: give the run's average power with 'power_watts: W' in "
            + "experiment.yaml, or name its accelerator with 'hardware: {accelerator: NAME, count: N}'."),
    /** The accelerator is known but its power was never published (the paper's TPU rows). */
    NO_PUBLISHED_POWER("run on accelerators without published power", ""),
    /** A region or price list the experiment names is not in the catalogs. */
    SETTINGS("name a region or price list the catalogs do not know", "The experiment names a region or cloud price list that is not "
            + "in the catalogs (see its problems), so it is not estimated."),
    /** carbonpaper itself failed on the experiment. */
    FAILED("could not be estimated", "carbonpaper could not estimate this experiment (see its problems): no energy figure.");

    private final String phrase;
    private final String text;

    MissingFigure(String phrase, String text) {
        this.phrase = phrase;
        this.text = text;
    }

    /** What the experiments "lack" or "are", after a count: "3 lack hardware". */
    public String phrase() { return phrase; }

    /**
     * The footnote on the experiment's dashes. {@link #NO_PUBLISHED_POWER} has none of its own: its
     * estimate already carries the paper's note.
     */
    public Assumption footnote() {
        return Assumption.about(Set.of(Assumption.Affects.ENERGY), "missing-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), text);
    }
}
