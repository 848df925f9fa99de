package io.carbonpaper.report;

import io.carbonpaper.estimate.EstimateResult;
import io.carbonpaper.estimate.MissingFigure;
import io.carbonpaper.model.Experiment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many of a project's experiments have an energy figure, and why the others do not: each
 * experiment without one is counted once, under its first reason, so the counts add up.
 *
 * @param experiments every experiment of the report
 * @param withEnergy  those with an energy figure (what the totals sum)
 * @param lacking     the names of the others, by reason, in the reasons' order
 * @param lackingCounts how many experiments each reason counts (more than its names where a name is a fold's)
 */
public record Coverage(int experiments, int withEnergy, Map<MissingFigure, List<String>> lacking, Map<MissingFigure, Long> lackingCounts) {
    /** Names listed after a reason's count before "and N more". */
    static final int NAMES_SHOWN = 3;

    public Coverage {
        Map<MissingFigure, List<String>> copy = new EnumMap<>(MissingFigure.class);
        lacking.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        lacking = java.util.Collections.unmodifiableMap(copy);
        Map<MissingFigure, Long> counted = new EnumMap<>(MissingFigure.class);
        counted.putAll(lackingCounts);
        lackingCounts = java.util.Collections.unmodifiableMap(counted);
    }

    public Coverage(int experiments, int withEnergy, Map<MissingFigure, List<String>> lacking) {
        this(experiments, withEnergy, lacking, counts(lacking));
    }

    private static Map<MissingFigure, Long> counts(Map<MissingFigure, List<String>> lacking) {
        Map<MissingFigure, Long> out = new EnumMap<>(MissingFigure.class);
        lacking.forEach((k, v) -> out.put(k, (long) v.size()));
        return out;
    }

    static Coverage of(List<Experiment> experiments, List<EstimateResult> results) {
        Map<MissingFigure, List<String>> lacking = new EnumMap<>(MissingFigure.class);
        Map<MissingFigure, Long> counts = new EnumMap<>(MissingFigure.class);
        int with = 0;
        for (int i = 0; i < experiments.size(); i++) {
            EstimateResult r = results.get(i);
            int runs = experiments.get(i).runs();
            if (r.hasEnergy()) with += runs;
            else {
                lacking.computeIfAbsent(r.missing().get(0), k -> new ArrayList<>()).add(io.carbonpaper.model.LogText.shown(experiments.get(i).name()));
                counts.merge(r.missing().get(0), (long) runs, Long::sum);
            }
        }
        return new Coverage((int) Experiment.runs(experiments), with, lacking, counts);
    }

    /** Whether every experiment has an energy figure. */
    public boolean complete() { return withEnergy == experiments; }

    /**
     * "16 of 19 experiments have an energy figure; 3 run on accelerators without published power:
     * BERT (base), NAS, GPT-2." (at most {@value #NAMES_SHOWN} names a reason, then "and N more").
     */
    public String sentence() {
        StringBuilder s = new StringBuilder();
        if (complete()) return experiments == 1 ? "The one experiment has an energy figure." : "All " + experiments + " experiments have an energy figure.";
        s.append(withEnergy == 0 ? "None" : Integer.toString(withEnergy)).append(" of ").append(experiments)
                .append(experiments == 1 ? " experiment " : " experiments ").append(withEnergy == 1 || experiments == 1 ? "has" : "have").append(" an energy figure");
        for (Map.Entry<MissingFigure, List<String>> en : lacking.entrySet()) {
            List<String> names = en.getValue();
            long count = lackingCounts.getOrDefault(en.getKey(), (long) names.size());
            s.append("; ").append(count).append(' ').append(count == 1 ? singular(en.getKey().phrase()) : en.getKey().phrase())
                    .append(": ").append(String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size()))));
            if (count > Math.min(NAMES_SHOWN, names.size())) s.append(" and ").append(count - Math.min(NAMES_SHOWN, names.size())).append(" more");
        }
        return s.append('.').toString();
    }

    /** "lack hardware" -> "lacks hardware", "run on" -> "ran on"... for a count of one. */
    private static String singular(String phrase) {
        int sp = phrase.indexOf(' ');
        String verb = sp < 0 ? phrase : phrase.substring(0, sp), rest = sp < 0 ? "" : phrase.substring(sp);
        return switch (verb) {
            case "run" -> "runs" + rest;
            case "lack" -> "lacks" + rest;
            case "have" -> "has" + rest;
            case "name" -> "names" + rest;
            default -> phrase; // "could not be ..."
        };
    }
}
