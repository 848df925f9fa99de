package io.carbonpaper.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCommandTest {
    @Test void parsesTheOptionsAndTheCommandAfterTheDoubleDash() {
        RecordCommand c = new RecordCommand();
        new CommandLine(c).parseArgs("--out", "logs/x", "--interval", "1s", "--gpus", "0,2", "--", "python", "train.py", "--config", "big.yaml");
        assertThat(c.out).isEqualTo(Path.of("logs/x"));
        assertThat(c.interval).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.gpus).containsExactly("0", "2");
        assertThat(c.sysfsRoot).isEqualTo(Path.of("/sys/class/powercap"));
        assertThat(c.command).containsExactly("python", "train.py", "--config", "big.yaml");
    }

    @Test void defaultsToOneHundredMillisecondsAndNoCommand() {
        RecordCommand c = new RecordCommand();
        new CommandLine(c).parseArgs("--out", "x");
        assertThat(c.interval).isEqualTo(Duration.ofMillis(100));
        assertThat(c.command).isNull();
    }

    @Test void intervalsTakeAUnit() {
        RecordCommand.IntervalConverter conv = new RecordCommand.IntervalConverter();
        assertThat(List.of("100ms", "1s", "0.5s", "250", "2m")).map(conv::convert)
                .containsExactly(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(250), Duration.ofMinutes(2));
        assertThatThrownBy(() -> conv.convert("fast")).hasMessageContaining("not a time like 100ms");
        assertThatThrownBy(() -> conv.convert("1ms")).hasMessageContaining("between 10ms and 1h");
    }

    @Test void outIsRequired() {
        assertThatThrownBy(() -> new CommandLine(new RecordCommand()).parseArgs("--", "true"))
                .isInstanceOf(CommandLine.MissingParameterException.class).hasMessageContaining("--out");
    }

    @Test void aFolderThatHoldsARecordingIsExitCodeTwoWithAMessage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("trace.csv"), "x");
        int code = new CommandLine(new RecordCommand()).execute("--out", dir.toString(), "--", "true");
        assertThat(code).isEqualTo(2);
    }
}
