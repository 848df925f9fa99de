package io.carbonpaper.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Lets other test packages list a folder the way the site comparison does. */
public final class SampleReportTestAccess {
    private SampleReportTestAccess() {}

    public static List<String> listing(Path root) throws IOException { return SampleReportTest.listing(root); }
}
