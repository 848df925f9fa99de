package io.carbonpaper.ingest;

/** A hot method in a package whose code C2 keeps compiling (see task.JitDirectivesTest). */
public final class JitProbe {
    private JitProbe() {}

    public static long hot(long x) {
        long s = 0;
        for (int i = 0; i < 100; i++) s += x * i ^ (s >>> 3);
        return s;
    }
}
