package io.carbonpaper.ingest;

import io.carbonpaper.ingest.source.LogReader;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: ReaderContract is the one suite every registered reader runs. This test finds every
 * concrete subclass among the compiled tests and fails for a reader of the registry that none
 * of them covers, so a new reader cannot be registered without its contract test.
 */
class ReaderContractCoverageTest {
    @Test void everyRegisteredReaderHasAContractTest() throws Exception {
        Path root = Path.of(ReaderContract.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .forEach(f -> names.add(root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "")));
        }
        Set<String> covered = new TreeSet<>();
        Method reader = ReaderContract.class.getDeclaredMethod("reader");
        reader.setAccessible(true);
        for (String name : names) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            if (!ReaderContract.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) continue;
            Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            covered.add(((LogReader) reader.invoke(k.newInstance())).getClass().getName());
        }
        Set<String> registered = new TreeSet<>();
        for (LogReader r : ReaderRegistry.builtIn().readers()) registered.add(r.getClass().getName());
        assertThat(registered).as("registered readers without a ReaderContract test").isSubsetOf(covered);
        assertThat(covered).hasSizeGreaterThanOrEqualTo(registered.size());
    }
}
