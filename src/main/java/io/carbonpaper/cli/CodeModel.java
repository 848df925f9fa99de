package io.carbonpaper.cli;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pieces of a picocli command model built in code instead of read from annotations (issue 20):
 * picocli reads annotations through proxy classes the JDK generates at each start and through
 * reflection, ~50 ms of CPU before a short command such as {@code estimate} does any work. A model
 * built here must print and parse exactly as the annotated one did (CommandLineTextTest).
 */
final class CodeModel {
    private CodeModel() {}

    /** {@code -h, --help}, as picocli's {@code mixinStandardHelpOptions} adds it. */
    static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).description("Show this help message and exit.").build();
    }

    /** {@code -V, --version}, as picocli's {@code mixinStandardHelpOptions} adds it. */
    static OptionSpec version() {
        return OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).description("Print version information and exit.").build();
    }

    /** An option named {@code name} of {@code type}, bound to {@code field}. */
    static OptionSpec.Builder option(Binding<?> field, Class<?> type, String name) {
        // The initial value is the field's, as picocli records it for an annotated field.
        return OptionSpec.builder(name).type(type).getter(field).setter(field).initialValue(field.<Object>get());
    }

    /** The positional parameter at {@code index}, of {@code type}, bound to {@code field}. */
    static PositionalParamSpec.Builder parameter(Binding<?> field, Class<?> type, String index) {
        return PositionalParamSpec.builder().index(index).type(type).getter(field).setter(field).initialValue(field.<Object>get());
    }

    /** {@code --set KEY=VALUE}, repeatable, as report, estimate and inspect take it, bound to {@code field}. */
    static OptionSpec settingOverrides(Binding<Map<String, String>> field) {
        return option(field, Map.class, "--set").auxiliaryTypes(String.class, String.class).paramLabel("KEY=VALUE")
                .description("Override a carbonpaper.yaml setting (repeatable).").build();
    }

    /** The optional {@code LOGS} folder, {@code sample-logs} by default, as report and inspect take it, bound to {@code field}. */
    static PositionalParamSpec logsFolder(Binding<Path> field) {
        return parameter(field, Path.class, "0").arity("0..1").defaultValue("sample-logs").paramLabel("LOGS")
                .description("The logs folder (default: ${DEFAULT-VALUE}).").build();
    }

    /** The exit codes a command's usage lists, each written {@code "code:meaning"} as in {@code @Command(exitCodeList)}. */
    static Map<String, String> exitCodes(String... codes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String c : codes) out.put(c.substring(0, c.indexOf(':')), c.substring(c.indexOf(':') + 1));
        return out;
    }

    /** An option's value kept by the command object: read with {@code get}, replaced with {@code set}. */
    static <V> Binding<V> field(Supplier<V> get, Consumer<V> set) { return new Binding<>(get, set); }

    /** picocli's getter and setter of one value (its interfaces are generic methods, so no lambda fits them). */
    static final class Binding<V> implements IGetter, ISetter {
        private final Supplier<V> get;
        private final Consumer<V> set;

        private Binding(Supplier<V> get, Consumer<V> set) {
            this.get = get;
            this.set = set;
        }

        @SuppressWarnings("unchecked")
        @Override public <T> T get() { return (T) get.get(); }

        @SuppressWarnings("unchecked")
        @Override public <T> T set(T value) {
            T old = (T) get.get();
            set.accept((V) value);
            return old;
        }
    }
}
