package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.reference.AcceleratorSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Footnotes for the embodied-emissions column: each figure used with its source, and the accelerators without one. */
final class EmbodiedNotes {
    private EmbodiedNotes() {}

    static List<String> marks(ProjectEconomics p, Footnotes notes) {
        Map<String, AcceleratorSpec> with = new TreeMap<>();
        Map<String, String> without = new TreeMap<>();
        for (ExperimentEstimate e : p.estimates()) {
            if (e.accelerator().isEmpty()) continue;
            AcceleratorSpec s = e.accelerator().get();
            if (s.embodied().isPresent() && s.lifetimeYears().isPresent()) with.put(s.key(), s);
            else without.put(s.key(), s.key());
        }
        List<String> marks = new ArrayList<>();
        for (AcceleratorSpec s : with.values()) {
            marks.add(notes.mark(Assumption.of("embodied-" + s.key(), String.format(Locale.ROOT,
                    "Embodied emissions of one %s: %s kg CO\u2082e spread over a %s-year service life (%s kg per accelerator-hour), "
                            + "charged per accelerator-hour used, as Luccioni et al. (2022) did for BLOOM; idle hours are charged to no one.",
                    s.key(), Numerals.raw(s.embodied().get().kilograms()), Numerals.raw(s.lifetimeYears().get()),
                    Numerals.figure(s.embodied().get().kilograms() / (s.lifetimeYears().get() * 8760))), s.embodiedSource().orElseThrow())));
        }
        if (!without.isEmpty())
            marks.add(notes.mark(Assumption.of("embodied-missing", "No published embodied-emissions estimate for "
                    + String.join(", ", without.keySet()) + ": their accelerator-hours add nothing to this column.")));
        return marks;
    }
}
