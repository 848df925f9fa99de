package io.carbonpaper.report;

import io.carbonpaper.estimate.Assumption;
import io.carbonpaper.estimate.ExperimentEstimate;
import io.carbonpaper.model.EnergyMethod;
import io.carbonpaper.model.ExperimentBuilder;
import io.carbonpaper.reference.BibEntry;
import io.carbonpaper.reference.CloudPrice;
import io.carbonpaper.unit.CarbonIntensity;
import io.carbonpaper.unit.Energy;
import io.carbonpaper.unit.Hours;
import io.carbonpaper.unit.Mass;
import io.carbonpaper.unit.Money;
import io.carbonpaper.unit.Power;
import io.carbonpaper.unit.Pue;
import io.carbonpaper.unit.Range;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records whose equals and hashCode are written out by hand (issue 20: the JDK's own are built
 * from method handles at their first call, milliseconds of a short run each) give what the record's
 * generated methods would: equal exactly when every component is ({@code Double.compare} for a
 * double), and the hash {@code h = 31 * h + hash(component)} from 0 over the components in order,
 * so that no hash-ordered collection changes its order. Each pair of samples differs in every
 * component; the test also compares every record made of the first sample with one component of
 * the second, so a component added later and left out of a method fails here.
 */
class RecordMethodsTest {
    private static CarbonIntensity g(double v) { return CarbonIntensity.ofGramsPerKilowattHour(v); }

    @Test void moneyIntensityAndRange() throws Exception {
        check(Money.usd(1.5), Money.of(2, "EUR"));
        check(Money.usd(0.0), Money.usd(-0.0)); // 0.0 and -0.0 differ, as in a record's equals
        check(g(1), g(2));
        check(g(0.0), g(-0.0));
        check(new Range<>(g(1), g(2), g(3)), new Range<>(g(0), g(5), g(9)));
    }

    @Test void catalogRows() throws Exception {
        check(new BibEntry("a", "misc", "{A}", "T", "V", "1", "2-3", "10/x", "1234.5678", "n"),
                new BibEntry("b", "article", "{B}", "U", "W", "2", "4-5", "10/y", "2345.6789", "m"));
        check(new CloudPrice("gcp-2019", "gcp", "us-central1", "n1-v100", "V100", 1, Optional.of(Money.usd(3)), Money.usd(10),
                        "2019-06", "src-a", "paper", Optional.of(Money.usd(8)), Optional.of(Money.usd(6))),
                new CloudPrice("aws-2025", "aws", "us-east-1", "p3.16xlarge", "V100-SXM2", 8, Optional.empty(), Money.usd(20),
                        "2025-01", "src-b", "unverified", Optional.of(Money.usd(9)), Optional.of(Money.usd(7))));
    }

    @Test void referencesAndGridChoices() throws Exception {
        BibEntry a = new BibEntry("a", "misc", "{A}", "T", "", "", "", "", "", "");
        BibEntry b = new BibEntry("b", "misc", "{B}", "U", "", "", "", "", "", "");
        check(new Reference(1, "a", "A (2019).", "https://a", 2019, a), new Reference(2, "b", "B (2020).", "https://b", 2020, b));
        Class<?> gridChoice = Class.forName("io.carbonpaper.estimate.GridChoice");
        Constructor<?> c = canonical(gridChoice);
        check((Record) c.newInstance(g(400), new Range<>(g(300), g(400), g(500)), "Germany (2023)", List.of("s1"), false),
                (Record) c.newInstance(g(100), new Range<>(g(90), g(100), g(110)), "declared", List.of(), true));
    }

    @Test void experimentEstimates() throws Exception {
        var catalog = io.carbonpaper.reference.AcceleratorCatalog.bundled();
        Assumption tdp = Assumption.of("tdp", "power taken as TDP", "src-a");
        ExperimentEstimate a = new ExperimentEstimate(ExperimentBuilder.experiment("a").build(), catalog.find("V100"), "V100", 1,
                Optional.of(Hours.of(2)), Optional.of(Power.ofWatts(300)), Pue.of(1.58), EnergyMethod.TDP,
                Optional.of(Range.of(Energy.ofKilowattHours(1))), Optional.empty(), Optional.empty(), g(400), "Germany",
                Optional.of(Range.of(Mass.ofKilograms(1))), Optional.empty(), Optional.of(Range.of(Money.usd(5))), Optional.of("aws-2025"),
                Optional.empty(), List.of(tdp), List.of("src-a"));
        ExperimentEstimate b = new ExperimentEstimate(ExperimentBuilder.experiment("b").build(), catalog.find("A100"), "A100", 8,
                Optional.of(Hours.of(3)), Optional.of(Power.ofWatts(400)), Pue.of(1.1), EnergyMethod.TRACE,
                Optional.of(Range.of(Energy.ofKilowattHours(2))), Optional.of(Energy.ofKilowattHours(1.5)), Optional.of(Hours.of(2.5)), g(100),
                "France", Optional.of(Range.of(Mass.ofKilograms(2))), Optional.of(Mass.ofKilograms(3)), Optional.of(Range.of(Money.usd(9))),
                Optional.of("gcp-2019"), Optional.of(Money.usd(1)), List.of(), List.of("src-b"));
        check(a, b);
    }

    /** Compares {@code a} with itself rebuilt, with {@code b}, and with each mix of the two that differs in one component. */
    private static void check(Record a, Record b) throws Exception {
        RecordComponent[] cs = a.getClass().getRecordComponents();
        Object[] va = values(a), vb = values(b);
        Constructor<?> ctor = canonical(a.getClass());
        List<Record> others = new java.util.ArrayList<>(List.of(a, (Record) ctor.newInstance(va.clone()), b));
        for (int i = 0; i < cs.length; i++) {
            Object[] mix = va.clone();
            mix[i] = vb[i];
            others.add((Record) ctor.newInstance(mix));
        }
        for (Record x : others) {
            assertThat(x.equals(a)).as("%s equals %s", x, a).isEqualTo(componentsEqual(x, a));
            assertThat(a.equals(x)).as("%s equals %s", a, x).isEqualTo(componentsEqual(a, x));
            assertThat(x.hashCode()).as("hash of %s", x).isEqualTo(generatedHash(x));
        }
        assertThat(a.equals(null)).isFalse();
        assertThat(a.equals("a string")).isFalse();
    }

    private static Constructor<?> canonical(Class<?> type) {
        Class<?>[] types = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static Object[] values(Record r) throws Exception {
        RecordComponent[] cs = r.getClass().getRecordComponents();
        Object[] out = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            java.lang.reflect.Method m = cs[i].getAccessor();
            m.setAccessible(true);
            out[i] = m.invoke(r);
        }
        return out;
    }

    private static boolean componentsEqual(Record x, Record y) throws Exception {
        if (x.getClass() != y.getClass()) return false;
        RecordComponent[] cs = x.getClass().getRecordComponents();
        Object[] vx = values(x), vy = values(y);
        for (int i = 0; i < cs.length; i++) {
            boolean same = cs[i].getType() == double.class ? Double.compare((Double) vx[i], (Double) vy[i]) == 0 : Objects.equals(vx[i], vy[i]);
            if (!same) return false;
        }
        return true;
    }

    private static int generatedHash(Record r) throws Exception {
        int h = 0;
        for (Object v : values(r)) h = 31 * h + Objects.hashCode(v); // a boxed primitive hashes as its primitive
        return h;
    }
}
