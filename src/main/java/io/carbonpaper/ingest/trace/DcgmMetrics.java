package io.carbonpaper.ingest.trace;

import io.carbonpaper.model.TraceSummary;
import io.carbonpaper.unit.Energy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The DCGM power and energy series of one file, whatever carried them (Prometheus text
 * exposition, a Prometheus {@code query_range} answer): {@code DCGM_FI_DEV_POWER_USAGE} (field 155,
 * watts) is integrated as power, {@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION} (field 156, a
 * millijoule counter since the driver was loaded) is fed to the integrator as a counter, which wins
 * where a device has both. Devices are keyed by {@code Hostname} and {@code gpu} (or {@code UUID}),
 * so the GPUs of several hosts in one file add up.
 */
final class DcgmMetrics {
    static final String POWER = "DCGM_FI_DEV_POWER_USAGE";
    static final String ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
    /** DCGM_INT64_BLANK (dcgm_structs.h): values from here up are "blank", not found, not supported... */
    private static final double INT64_BLANK = 0x7ffffffffffffff0L;
    /** DCGM_FP64_BLANK is 140737488355328.0; anything this large is a sentinel, not a reading. */
    private static final double FP64_BLANK = 1.4e14;

    final TraceIntegrator integrator;
    private final Set<String> hosts = new TreeSet<>();
    private String model;
    long samples;

    DcgmMetrics(TraceIntegrator integrator) { this.integrator = integrator; }

    static boolean isPowerOrEnergy(String metric) { return POWER.equals(metric) || ENERGY.equals(metric); }

    /** True when {@code value} is one of DCGM's blank sentinels rather than a reading. */
    static boolean isBlank(String metric, double value) {
        return ENERGY.equals(metric) ? value >= INT64_BLANK : value >= FP64_BLANK;
    }

    /** The device a series belongs to: {@code host/gpu}, or the gpu index or UUID without a host. */
    String device(Map<String, String> labels) {
        String host = labels.getOrDefault("Hostname", labels.get("hostname"));
        String gpu = labels.get("gpu");
        if (gpu == null) gpu = labels.get("UUID");
        if (gpu == null) gpu = labels.getOrDefault("device", "gpu");
        if (host != null && !host.isEmpty()) {
            hosts.add(host);
            return host + "/" + gpu;
        }
        return gpu;
    }

    /** One reading of {@code metric} at {@code micros}; returns false for a value that is missing. */
    boolean sample(String metric, Map<String, String> labels, long micros, double value) {
        if (model == null && labels.get("modelName") != null) model = labels.get("modelName");
        String device = device(labels);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            integrator.missing(metric + " NaN or Inf");
            return false;
        }
        if (isBlank(metric, value)) {
            integrator.missing(metric + " blank (DCGM sentinel)");
            return false;
        }
        samples++;
        if (POWER.equals(metric)) integrator.power(device, "gpu", micros, value);
        else integrator.energyCounter(device, "gpu", micros, Energy.ofMillijoules(value).joules());
        return true;
    }

    TraceSummary finish() {
        return integrator.finish(hosts.size() == 1 ? Optional.of(hosts.iterator().next()) : Optional.empty(), Optional.ofNullable(model));
    }
}
