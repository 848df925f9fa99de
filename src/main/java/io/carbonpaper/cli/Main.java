package io.carbonpaper.cli;

import io.carbonpaper.model.LogText;
import io.carbonpaper.reference.AcceleratorCatalog;
import io.carbonpaper.reference.Catalogs;

import io.carbonpaper.task.ExitCode;
import io.carbonpaper.task.JitDirectives;
import io.carbonpaper.task.Version;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code carbonpaper} command: its subcommands do the work. */
public final class Main implements Runnable {
    CommandLine.Model.CommandSpec spec;

    /**
     * The top command's picocli model, built in code (issue 20: no annotation proxies and reflection
     * at each start; {@link CodeModel}).
     */
    CommandLine.Model.CommandSpec model() {
        CommandLine.Model.CommandSpec s = CommandLine.Model.CommandSpec.wrapWithoutInspection(this).name("carbonpaper")
                .versionProvider(new VersionProvider());
        s.usageMessage().description("Turns ML experiment logs into paper-style tables of energy, CO2e and cost.");
        s.addOption(CodeModel.help());
        s.addOption(CodeModel.version());
        spec = s;
        return s;
    }

    public static void main(String[] args) {
        // Charts are drawn with AWT; headless before any AWT class loads, so no display is ever needed.
        System.setProperty("java.awt.headless", "true");
        // A report is short-lived: C2 only for its reading loops. Help, version and estimate end before it would
        // matter, and the recorder runs for hours: they keep the JVM's defaults.
        if (args.length > 0 && (args[0].equals("report") || args[0].equals("inspect"))) JitDirectives.startInstalling(System.getenv());
        if (args.length > 0) startReadingCatalogs(args[0]);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /**
     * Starts reading the bundled catalogs that {@code command} looks things up in, on a daemon thread,
     * while picocli builds the command line and parses the arguments (issue 20: the catalogs are about
     * 0.1 s of a short run; on two cores they cost no wall time there). The command
     * gets the same catalogs, read once per process; a failure here is left for the command's own
     * read to report. The thread also sets up SHA-256 (input files' digests, page slugs): the JDK's
     * first {@code MessageDigest} reads the security settings and providers, 35 ms or more, and its first
     * digest sets up the VarHandles it reads bytes with; and the decimal format of {@link Locale#ROOT}
     * that the first {@code String.format} of a number reads from the JDK's locale data (~20 classes).
     */
    static void startReadingCatalogs(String command) {
        Runnable read = switch (command) {
            // The report task reads the other catalogs on a thread of its own, while the logs are read.
            case "report" -> () -> {
                AcceleratorCatalog.bundled(); // first: the log readers look up devices
                sha256();
                decimalFormat();
            };
            case "estimate" -> () -> {
                Catalogs.bundled();
                sha256();
                decimalFormat();
            };
            case "inspect" -> () -> {
                AcceleratorCatalog.bundled();
                sha256();
            };
            default -> null;
        };
        if (read == null) return;
        Thread t = new Thread(() -> {
            try {
                read.run();
            } catch (RuntimeException | Error e) {
                // the command reads the catalogs again and says what failed
            }
        }, "carbonpaper-catalogs");
        t.setDaemon(true);
        t.start();
    }

    private static void decimalFormat() {
        java.text.DecimalFormatSymbols.getInstance(Locale.ROOT);
    }

    private static void sha256() {
        try {
            java.security.MessageDigest.getInstance("SHA-256").digest(new byte[1]);
        } catch (java.security.NoSuchAlgorithmException e) {
            // every Java has it; the command's own call would say so
        }
    }

    /** Runs the command line in-process; the exit code is returned, never passed to System.exit. */
    public static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
        skipUnusedConverters();
        // Names from a logs folder reach the terminal in messages: no ESC, BEL or bidi control of theirs acts there (issue 16).
        PrintWriter out = terminal(rawOut), err = terminal(rawErr);
        CommandLine cl = commandLine(args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // No stack trace for users: one line that says what failed.
            for (Throwable t = ex; t != null; t = t.getCause()) { // out of memory on a worker thread, handed on wrapped
                if (t instanceof OutOfMemoryError) {
                    commandLine.getErr().println(outOfMemory(Runtime.getRuntime().maxMemory()));
                    return ExitCode.INPUT;
                }
            }
            commandLine.getErr().println("carbonpaper: internal error: " + ex);
            if (System.getenv("CARBONPAPER_DEBUG") != null) ex.printStackTrace(commandLine.getErr());
            return ExitCode.INPUT;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError e) { // thrown on the command's own thread: picocli hands on errors
            err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            code = ExitCode.INPUT;
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * picocli finds its converters for java.time and java.sql types by reflection each time it builds a
     * command line (~10 ms of a 0.4 s run, issue 20); no option of carbonpaper has such a type ({@code
     * record --interval} has a converter of its own; MainTest checks). Left alone when the user set it.
     */
    static void skipUnusedConverters() {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) System.setProperty(CONVERTER_EXCLUDES, SKIPPED_CONVERTERS);
    }

    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes", SKIPPED_CONVERTERS = "java\\.(sql|time)\\..*";

    /**
     * The command line for {@code args}. A subcommand's model is built when it is added (record and catalog
     * from their annotations, the others in code; 12 ms for the four a report does not use, when all were
     * annotated); a run needs only the one it names. Unless it names one (no argument, "help", an option,
     * a typo), all are added, so usage and suggestions list them all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main().model());
        boolean named = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help");
        SUBCOMMANDS.forEach((name, command) -> {
            if (!named || name.equals(args[0])) cl.addSubcommand(name, command.get());
        });
        return cl;
    }

    /**
     * What a run that ran out of heap says instead of a stack trace: the limit and how to raise it
     * (bin/carbonpaper sets 768 MB unless the user names a heap size, issue 20).
     */
    static String outOfMemory(long maxHeapBytes) {
        return "carbonpaper: out of memory: the Java heap is limited to " + (maxHeapBytes >> 20) + " MB. Give it more: "
                + "JAVA_OPTS=-Xmx4g bin/carbonpaper ..., or java -Xmx4g -jar carbonpaper.jar ...";
    }

    /**
     * {@code w}, with every character that would act on a terminal (a control other than tab and line
     * breaks, a bidirectional control) written as the escape {@link LogText#clean} writes.
     */
    static PrintWriter terminal(PrintWriter w) {
        return new PrintWriter(new java.io.FilterWriter(w) {
            @Override public void write(int c) throws java.io.IOException {
                if (LogText.actsOnTerminal((char) c)) out.write(LogText.escape((char) c));
                else out.write(c);
            }

            @Override public void write(char[] buf, int off, int len) throws java.io.IOException {
                int from = off;
                for (int i = off; i < off + len; i++) {
                    if (!LogText.actsOnTerminal(buf[i])) continue;
                    out.write(buf, from, i - from);
                    out.write(LogText.escape(buf[i]));
                    from = i + 1;
                }
                out.write(buf, from, off + len - from);
            }

            @Override public void write(String s, int off, int len) throws java.io.IOException {
                write(s.toCharArray(), off, len);
            }
        }, true);
    }

    /** The subcommands by name, in the order usage lists them: an annotated command, or a model built in code. */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("report", () -> new ReportCommand().model());
        SUBCOMMANDS.put("estimate", () -> new EstimateCommand().model());
        SUBCOMMANDS.put("inspect", () -> new InspectCommand().model());
        SUBCOMMANDS.put("record", RecordCommand::new);
        SUBCOMMANDS.put("catalog", CatalogCommand::new);
        // A lambda, not a method reference: the reference would load picocli's HelpCommand (from the jar: the
        // archive cannot hold it) at every start, while only a run without a named command adds it.
        SUBCOMMANDS.put("help", () -> new CommandLine.HelpCommand());
    }

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'carbonpaper report'");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() { return new String[] {"carbonpaper " + Version.get()}; }
    }
}
