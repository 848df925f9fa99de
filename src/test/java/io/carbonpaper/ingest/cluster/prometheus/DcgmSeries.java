package io.carbonpaper.ingest.cluster.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DCGM-exporter-shaped series, generated: per GPU a total-energy counter in millijoules
 * ({@code DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION}) and a power gauge in watts
 * ({@code DCGM_FI_DEV_POWER_USAGE}), every {@link #STEP} seconds from {@link #T0}, with the labels
 * the exporter sets (gpu, UUID, device, modelName, Hostname) and those a scrape adds (job,
 * instance). A device may have a counter reset (the driver reloaded: the counter restarts from the
 * energy since the reset), a scrape gap (no sample of either metric) or no counter at all (older
 * GPUs expose only power). Values are multiples of 1/2 W and 125 J, so every sum the server forms
 * is exact in binary floating point.
 *
 * <p>The expected values are computed here with PromQL's own semantics (Prometheus 2.x
 * {@code extrapolatedRate}, {@code sum_over_time}, {@code count_over_time}), so a test can compare
 * the server's answer to within floating-point rounding, not to within a fudge factor.
 */
final class DcgmSeries {
    static final long T0 = 1_700_000_000L;
    static final int STEP = 10;
    static final int SAMPLES = 721; // two hours

    record Device(String host, int gpu, String model, boolean counter, int resetAt, int gapFrom, int gapTo) {
        static Device plain(String host, int gpu, String model) { return new Device(host, gpu, model, true, -1, -1, -1); }

        boolean present(int i) { return i < gapFrom || i >= gapTo; }

        double watts(int i) { return 100 + 50 * gpu + (i % 7) * 12.5; }
    }

    private final List<Device> devices;

    DcgmSeries(List<Device> devices) { this.devices = List.copyOf(devices); }

    /** [time s, value mJ] of a device's energy counter, as scraped. */
    List<double[]> counter(Device d) {
        List<double[]> out = new ArrayList<>();
        if (!d.counter()) return out;
        double v = 5e9 + d.gpu() * 1e9;
        for (int i = 0; i < SAMPLES; i++) {
            double delta = d.watts(i) * STEP * 1000; // energy of the interval ending at sample i
            v = i == d.resetAt() ? delta : v + delta;
            if (d.present(i)) out.add(new double[] {T0 + (long) i * STEP, v});
        }
        return out;
    }

    /** [time s, value W] of a device's power gauge, as scraped. */
    List<double[]> power(Device d) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) if (d.present(i)) out.add(new double[] {T0 + (long) i * STEP, d.watts(i)});
        return out;
    }

    /** The energy the device really used in (from, to], joules: what the generated counter adds up. */
    double trueJoules(Device d, long from, long to) {
        double j = 0;
        for (int i = 1; i < SAMPLES; i++) {
            long t = T0 + (long) i * STEP;
            if (t > from && t <= to) j += d.watts(i) * STEP;
        }
        return j;
    }

    String openMetrics() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION Total energy consumption since boot (in mJ).\n");
        sb.append("# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n");
        for (Device d : devices)
            for (double[] s : counter(d))
                sb.append("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION").append(labels(d)).append(' ').append((long) s[1]).append(' ').append((long) s[0]).append('\n');
        sb.append("# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).\n");
        sb.append("# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n");
        for (Device d : devices)
            for (double[] s : power(d))
                sb.append("DCGM_FI_DEV_POWER_USAGE").append(labels(d)).append(' ').append(String.format(Locale.ROOT, "%.1f", s[1]))
                        .append(' ').append((long) s[0]).append('\n');
        sb.append("# EOF\n");
        return sb.toString();
    }

    private static String labels(Device d) {
        return String.format(Locale.ROOT, "{gpu=\"%d\",UUID=\"GPU-%s-%d\",device=\"nvidia%d\",modelName=\"%s\",Hostname=\"%s\","
                + "DCGM_FI_DRIVER_VERSION=\"535.104.05\",job=\"dcgm-exporter\",instance=\"%s:9400\"}", d.gpu(), d.host(), d.gpu(), d.gpu(),
                d.model(), d.host(), d.host());
    }

    /** The samples a range selector {@code [to-from s]} evaluated at {@code to} sees. */
    static List<double[]> window(List<double[]> samples, long from, long to, boolean leftOpen) {
        List<double[]> out = new ArrayList<>();
        for (double[] s : samples) if ((leftOpen ? s[0] > from : s[0] >= from) && s[0] <= to) out.add(s);
        return out;
    }

    /** PromQL {@code increase()}: Prometheus' extrapolatedRate for a counter, in its order of operations. */
    static double increase(List<double[]> all, long from, long to, boolean leftOpen) {
        List<double[]> s = window(all, from, to, leftOpen);
        if (s.size() < 2) return Double.NaN;
        double result = s.get(s.size() - 1)[1] - s.get(0)[1];
        double lastValue = 0;
        for (double[] x : s) {
            if (x[1] < lastValue) result += lastValue;
            lastValue = x[1];
        }
        double durationToStart = s.get(0)[0] - from;
        double durationToEnd = to - s.get(s.size() - 1)[0];
        double sampled = s.get(s.size() - 1)[0] - s.get(0)[0];
        double average = sampled / (s.size() - 1);
        if (result > 0 && s.get(0)[1] >= 0) {
            double durationToZero = sampled * (s.get(0)[1] / result);
            if (durationToZero < durationToStart) durationToStart = durationToZero;
        }
        double threshold = average * 1.1;
        double extrapolateTo = sampled;
        extrapolateTo += durationToStart < threshold ? durationToStart : average / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : average / 2;
        return result * (extrapolateTo / sampled);
    }

    static double sumOverTime(List<double[]> all, long from, long to, boolean leftOpen) {
        double sum = 0;
        for (double[] x : window(all, from, to, leftOpen)) sum += x[1];
        return sum;
    }
}
