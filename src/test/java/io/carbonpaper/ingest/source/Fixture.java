package io.carbonpaper.ingest.source;

import io.carbonpaper.model.Finding;
import io.carbonpaper.model.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures under src/test/resources/fixtures/, and reading a file with a reader into lists. */
public final class Fixture {
    private Fixture() {}

    /** The one power trace a read found. */
    public static io.carbonpaper.model.TraceSummary single(List<Finding> findings) {
        if (findings.size() != 1) throw new AssertionError("expected one finding, found " + findings);
        return (io.carbonpaper.model.TraceSummary) findings.get(0);
    }

    public record Read(List<Finding> findings, List<Problem> problems) {
        public <T extends Finding> List<T> all(Class<T> type) {
            return findings.stream().filter(type::isInstance).map(type::cast).toList();
        }

        public <T extends Finding> T only(Class<T> type) {
            List<T> all = all(type);
            if (all.size() != 1) throw new AssertionError("expected one " + type.getSimpleName() + ", found " + findings);
            return all.get(0);
        }
    }

    public static String text(String resource) {
        try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> lines(String resource) { return text(resource).lines().toList(); }

    /** Copies a fixture into {@code dir} under {@code name} and reads it. */
    public static Read read(LogReader reader, Path dir, String resource, String name) throws IOException {
        return readBytes(reader, dir, text(resource).getBytes(StandardCharsets.UTF_8), name);
    }

    public static Read readText(LogReader reader, Path dir, String content, String name) throws IOException {
        return readBytes(reader, dir, content.getBytes(StandardCharsets.UTF_8), name);
    }

    public static Read readBytes(LogReader reader, Path dir, byte[] content, String name) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        List<Finding> findings = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        reader.read(new InputSource(f, name), new FindingSink() {
            @Override public void accept(Finding finding) { findings.add(finding); }
            @Override public void problem(Problem problem) { problems.add(problem); }
        });
        return new Read(findings, problems);
    }

    public static boolean sniff(LogReader reader, Path dir, String content, String name) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return reader.sniff(new InputSource(f, name));
    }
}
