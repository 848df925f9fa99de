package io.carbonpaper.settings;

import io.carbonpaper.ingest.source.InputSource;
import io.carbonpaper.ingest.source.YamlDocument;

import io.carbonpaper.ingest.source.InputException;
import io.carbonpaper.ingest.source.LogReader;
import io.carbonpaper.ingest.ReaderContract;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestReaderTest extends ReaderContract {
    @Override protected LogReader reader() { return new ManifestReader(); }

    @Override protected String fileName() { return "experiment.yaml"; }

    /** An empty experiment.yaml is valid: it marks its folder as one experiment and declares nothing. */
    @Override protected boolean emptyIsValid() { return true; }

    @Override protected List<String> validLines() {
        return List.of("name: Transformer (big)", "group: final", "hardware:", "  accelerator: Tesla P100", "  count: 8",
                "hours: 84", "power_watts: 1515.43", "pue: 1.58", "metrics:", "  bleu: 28.4");
    }

    @Override protected int headerLineCount() { return 0; }

    @Override protected void checkValid(List<Finding> findings) {
        assertThat(findings).hasSize(1);
        Manifest m = (Manifest) findings.get(0);
        assertThat(m.name()).contains("Transformer (big)");
        assertThat(m.accelerator()).contains("Tesla P100");
        assertThat(m.count()).contains(8);
        assertThat(m.hours().orElseThrow().value()).isEqualTo(84);
        assertThat(m.powerWatts().orElseThrow().watts()).isEqualTo(1515.43);
        assertThat(m.metrics()).containsEntry("bleu", 28.4);
        assertThat(m.lineOf("hardware.accelerator")).isEqualTo(4);
    }

    private Outcome yaml(String text) throws IOException { return read(text.getBytes(StandardCharsets.UTF_8)); }

    @Test void wrongTypeIsReportedAtItsLine() throws IOException {
        Outcome o = yaml("name: x\nhours: lots\n");
        assertThat(o.failure()).isInstanceOf(InputException.class);
        assertThat(((InputException) o.failure()).line()).isEqualTo(2);
        assertThat(o.failure().getMessage()).contains("'hours' must be a number, found 'lots'");
    }

    @Test void negativeAndZeroHoursAreRefused() throws IOException {
        assertThat(yaml("hours: -1\n").failure().getMessage()).contains("'hours' must be between 0");
        assertThat(yaml("hours: 0\n").failure().getMessage()).contains("'hours' must be positive");
    }

    @Test void aTdpSuppliesWhatTheCatalogLacks() throws IOException {
        Outcome o = yaml("hardware:\n  accelerator: TITAN RTX\n  tdp_watts: 280\n");
        Manifest m = (Manifest) o.findings().get(0);
        assertThat(m.tdpWatts().orElseThrow().watts()).isEqualTo(280);
        assertThat(m.lineOf("hardware.tdp_watts")).isEqualTo(3);
        assertThat(yaml("hardware:\n  tdp_watts: -5\n").failure().getMessage()).contains("'hardware.tdp_watts' must be between 0");
    }

    @Test void countMustBeAWholeNumber() throws IOException {
        assertThat(yaml("hardware:\n  count: 2.5\n").failure().getMessage()).contains("'hardware.count' must be a whole number");
    }

    @Test void unknownKeysAreWarningsWithTheirLine() throws IOException {
        Outcome o = yaml("name: x\nhours: 1\nlearning_rate: 0.1\n");
        assertThat(o.failure()).isNull();
        assertThat(o.problems()).extracting(Problem::line, Problem::severity).containsExactly(org.assertj.core.groups.Tuple.tuple(3L, Problem.Severity.WARNING));
    }

    @Test void yamlBombsAreRefused() throws IOException {
        StringBuilder s = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (int i = 1; i < 12; i++) s.append((char) ('a' + i)).append(": &").append((char) ('a' + i)).append(" [*").append((char) ('a' + i - 1))
                .append(",*").append((char) ('a' + i - 1)).append(",*").append((char) ('a' + i - 1)).append("]\n");
        // 3^12 values if expanded. The YAML parser never expands collection aliases, and the value cap
        // stops any other expansion: either way the document stays small.
        Path f = dir.resolve("bomb.yaml");
        java.nio.file.Files.writeString(f, s);
        try {
            assertThat(YamlDocument.parse(new InputSource(f, "bomb.yaml")).root().toString().length()).isLessThan(10_000);
        } catch (InputException refused) {
            assertThat(refused.getMessage()).contains("refused");
        }
    }

    @Test void arbitraryTypesAreNeverConstructed() throws IOException {
        Outcome o = yaml("name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\nhours: 1\n");
        // Either refused or read as plain data: never a constructed object.
        if (o.failure() == null) assertThat(((Manifest) o.findings().get(0)).name()).isNotEmpty();
    }
}
