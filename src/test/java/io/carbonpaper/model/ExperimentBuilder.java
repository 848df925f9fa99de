package io.carbonpaper.model;

import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Pue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tests' way to an {@link Experiment}: name only what the test is about. Starts as key
 * {@code k}, name {@code n}, group {@code g}, not final, nothing known, hours source {@code manifest}.
 */
public final class ExperimentBuilder {
    private String key = "k", name = "n", group = "g", hoursSource = "manifest";
    private Optional<String> label = Optional.empty(), region = Optional.empty(), cloudPrices = Optional.empty();
    private boolean isFinal;
    private Optional<Hardware> hardware = Optional.empty();
    private Optional<Hours> hours = Optional.empty();
    private Optional<Power> declaredPower = Optional.empty();
    private Optional<Power> declaredTdp = Optional.empty();
    private Optional<Pue> pue = Optional.empty();
    private Optional<CarbonIntensity> carbonIntensity = Optional.empty();
    private Optional<Instant> start = Optional.empty(), end = Optional.empty();
    private final List<TraceSummary> traces = new ArrayList<>();
    private final List<ToolEnergyReport> toolReports = new ArrayList<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, String> hyperparameters = new LinkedHashMap<>();
    private final List<InputFile> inputs = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private Optional<CpuInfo> cpu = Optional.empty();

    public static ExperimentBuilder experiment() { return new ExperimentBuilder(); }

    /** Key and name both {@code keyAndName}. */
    public static ExperimentBuilder experiment(String keyAndName) { return new ExperimentBuilder().key(keyAndName).name(keyAndName); }

    public ExperimentBuilder key(String v) { key = v; return this; }
    public ExperimentBuilder name(String v) { name = v; return this; }
    public ExperimentBuilder group(String v) { group = v; return this; }
    public ExperimentBuilder label(String v) { label = Optional.of(v); return this; }
    public ExperimentBuilder isFinal(boolean v) { isFinal = v; return this; }
    public ExperimentBuilder hardware(Hardware v) { hardware = Optional.ofNullable(v); return this; }
    /** Hardware as a manifest at {@code <key>/experiment.yaml} line 3 would name it. */
    public ExperimentBuilder hardware(String accelerator, int count) { return hardware(new Hardware(accelerator, count, key + "/experiment.yaml", 3)); }
    public ExperimentBuilder hours(double v) { hours = Optional.of(Hours.of(v)); return this; }
    public ExperimentBuilder hours(Optional<Hours> v) { hours = v; return this; }
    public ExperimentBuilder hoursSource(String v) { hoursSource = v; return this; }
    public ExperimentBuilder watts(double v) { declaredPower = Optional.of(Power.ofWatts(v)); return this; }
    public ExperimentBuilder declaredPower(Optional<Power> v) { declaredPower = v; return this; }
    public ExperimentBuilder tdpWatts(double v) { declaredTdp = Optional.of(Power.ofWatts(v)); return this; }
    public ExperimentBuilder pue(double v) { pue = Optional.of(Pue.of(v)); return this; }
    public ExperimentBuilder carbonIntensity(double gramsPerKwh) { carbonIntensity = Optional.of(CarbonIntensity.ofGramsPerKilowattHour(gramsPerKwh)); return this; }
    public ExperimentBuilder region(String v) { region = Optional.of(v); return this; }
    public ExperimentBuilder cloudPrices(String v) { cloudPrices = Optional.of(v); return this; }
    public ExperimentBuilder start(Instant v) { start = Optional.of(v); return this; }
    public ExperimentBuilder end(Instant v) { end = Optional.of(v); return this; }
    public ExperimentBuilder trace(TraceSummary v) { traces.add(v); return this; }
    public ExperimentBuilder traces(List<TraceSummary> v) { traces.addAll(v); return this; }
    public ExperimentBuilder toolReport(ToolEnergyReport v) { toolReports.add(v); return this; }
    public ExperimentBuilder toolReports(List<ToolEnergyReport> v) { toolReports.addAll(v); return this; }
    public ExperimentBuilder metric(String k, double v) { metrics.put(k, v); return this; }
    public ExperimentBuilder metrics(Map<String, Double> v) { metrics.putAll(v); return this; }
    public ExperimentBuilder hyperparameter(String k, String v) { hyperparameters.put(k, v); return this; }
    public ExperimentBuilder input(InputFile v) { inputs.add(v); return this; }
    public ExperimentBuilder problem(Problem v) { problems.add(v); return this; }
    /** A CPU as a log names it: {@code model} may be null, {@code cores} 0 for none. */
    public ExperimentBuilder cpu(String model, int cores) {
        cpu = Optional.of(new CpuInfo("test", Optional.ofNullable(model), cores > 0 ? Optional.of(cores) : Optional.empty()));
        return this;
    }

    public Experiment build() {
        return new Experiment(key, name, group, label, isFinal, hardware, hours, hoursSource, declaredPower, declaredTdp,
                new Overrides(pue, carbonIntensity, region, cloudPrices), start, end, traces, toolReports, metrics, hyperparameters, inputs, problems, cpu);
    }
}
