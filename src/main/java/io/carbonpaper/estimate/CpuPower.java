package io.carbonpaper.estimate;

import io.carbonpaper.model.CpuInfo;
import io.carbonpaper.reference.CpuCatalog;
import io.carbonpaper.reference.CpuSpec;
import io.carbonpaper.unit.Power;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The power of a run on CPUs alone (no accelerator, nothing measured or declared), as Green
 * Algorithms estimates it (Lannelongue, Grealey and Inouye 2021): the cores used times the CPU's
 * TDP per core, at full use, at most the whole TDP. The core count is the one the log names, else the model's; the TDP
 * comes from the CPU catalog, and a CPU the catalog does not know (or a log that names only a core
 * count) is never guessed.
 *
 * @param power  the cores' share of the TDP, when the model and its TDP are known
 * @param label  the hardware column: {@code Core-i7-6600U CPU (2 cores)}
 * @param note   the footnote saying it is an estimate, with its figures
 * @param source the catalog source of the TDP
 */
record CpuPower(Optional<Power> power, String label, Optional<Assumption> note, Optional<String> source) {

    static CpuPower of(CpuInfo cpu, CpuCatalog catalog) {
        Optional<CpuSpec> spec = cpu.model().flatMap(catalog::find);
        if (spec.isEmpty() || spec.get().tdp().isEmpty()) {
            return new CpuPower(Optional.empty(), cpu.model().orElse("CPU") + cpu.cores().map(c -> " (" + c + " cores)").orElse(""),
                    Optional.empty(), Optional.empty());
        }
        CpuSpec s = spec.get();
        // A log's count may be logical CPUs (CodeCarbon) or a host's cores: the share never exceeds one socket's TDP.
        int cores = Math.min(cpu.cores().orElse(s.cores()), s.cores());
        Power p = s.tdpShare(cores).orElseThrow();
        String label = s.key() + " CPU (" + cores + (cores == 1 ? " core)" : " cores)");
        Assumption note = Assumption.about(Set.of(Assumption.Affects.POWER, Assumption.Affects.ENERGY), "cpu-tdp:" + s.key() + ":" + cores,
                String.format(Locale.ROOT, "No accelerator and no measured power: CPU power estimated as Green Algorithms does "
                        + "(Lannelongue et al. 2021), %d %s x the %s's TDP per core (%s W / %d cores) = %s W at full use, "
                        + "an upper bound that leaves out DRAM. A measured or declared power ('power_watts: W' in experiment.yaml) replaces it.",
                        cores, cores == 1 ? "core" : "cores", s.name(), fmt(s.tdp().get().watts()), s.cores(), fmt(p.watts())),
                s.source());
        return new CpuPower(Optional.of(p), label, Optional.of(note), Optional.of(s.source()));
    }

    private static String fmt(double watts) {
        return watts == Math.rint(watts) ? Long.toString((long) watts) : String.format(Locale.ROOT, "%.3g", watts);
    }
}
