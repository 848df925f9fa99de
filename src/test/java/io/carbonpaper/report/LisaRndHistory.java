package io.carbonpaper.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates {@code sample-logs/lisa-rnd/sacct.txt}: a Slurm accounting history shaped like the
 * R&D of Strubell et al. (2018, LISA) as the 2019 paper's Table 4 describes it. Deterministic (a
 * fixed seed, whole minutes): 4,789 jobs summing to exactly 239,942 hours, 3 minutes to 9 days
 * long, on Titan X (3,448 jobs, 72%) and M40 (1,341, 28%), one GPU each, over exactly 172 days,
 * in 123 grid searches (JobName = the search; one is {@code tune}, 24 jobs of 120 hours) plus one
 * final job of 120 hours named {@code final}. Each job has its {@code .batch} and {@code .extern}
 * step rows, as {@code sacct --parsable2} prints them.
 *
 * <p>Regenerate: {@code mvn -q -B -o test-compile && java -cp target/classes:target/test-classes
 * io.carbonpaper.report.LisaRndHistory sample-logs/lisa-rnd/sacct.txt}
 */
public final class LisaRndHistory {
    public static final int JOBS = 4_789;
    public static final long TOTAL_HOURS = 239_942;
    public static final int TITANX_JOBS = 3_448;
    public static final int DAYS = 172;
    public static final int SEARCHES = 123;
    static final long MIN_MINUTES = 3, MAX_MINUTES = 9 * 24 * 60;
    static final LocalDateTime FIRST = LocalDateTime.of(2018, 1, 8, 9, 0);
    private static final long SEED = 20190601L;

    /** One job: its id, search (JobName), GPU model as typed gres names it, minutes, and start. */
    public record Job(long id, String search, String gpu, long minutes, LocalDateTime start) {
        public LocalDateTime end() { return start.plusMinutes(minutes); }
    }

    private LisaRndHistory() {}

    public static List<Job> jobs() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        record Draft(String search, long minutes) {}
        List<Draft> drafts = new ArrayList<>();
        drafts.add(new Draft("final", 120 * 60));
        for (int i = 0; i < 24; i++) drafts.add(new Draft("tune", 120 * 60));
        // 122 other searches share the remaining jobs; sizes vary, the last takes the remainder.
        int others = JOBS - drafts.size();
        List<Integer> sizes = new ArrayList<>();
        int left = others;
        for (int s = 0; s < SEARCHES - 2; s++) {
            int size = 10 + rnd.nextInt(49);
            sizes.add(size);
            left -= size;
        }
        if (left < 1) throw new IllegalStateException("search sizes overflow: " + left);
        sizes.add(left);
        long targetMinutes = (TOTAL_HOURS - 120 - 24 * 120) * 60;
        List<Long> minutes = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            // Skewed towards short jobs, mean close to 50 hours: 3 min + span * u^3.35.
            double u = rnd.nextDouble();
            minutes.add(MIN_MINUTES + Math.round((MAX_MINUTES - MIN_MINUTES) * Math.pow(u, 3.35)));
        }
        minutes.set(0, MIN_MINUTES);
        minutes.set(1, MAX_MINUTES);
        long diff = targetMinutes - minutes.stream().mapToLong(Long::longValue).sum();
        // Spread the difference a minute at a time over the other jobs, within the bounds.
        int i = 2;
        int guard = 0;
        while (diff != 0) {
            long m = minutes.get(i);
            long step = diff > 0 ? Math.min(diff, Math.max(1, Math.abs(diff) / (others - 2))) : -Math.min(-diff, Math.max(1, Math.abs(diff) / (others - 2)));
            long next = Math.max(MIN_MINUTES + 1, Math.min(MAX_MINUTES - 1, m + step));
            diff -= next - m;
            minutes.set(i, next);
            i = i + 1 < others ? i + 1 : 2;
            if (++guard > 100 * others) throw new IllegalStateException("cannot reach the total");
        }
        int k = 0;
        for (int s = 0; s < sizes.size(); s++) {
            for (int j = 0; j < sizes.get(s); j++) drafts.add(new Draft(String.format("gs%03d", s + 1), minutes.get(k++)));
        }

        // GPU models: exactly TITANX_JOBS Titan X, the rest M40, by a seeded shuffle (final and tune on Titan X).
        int n = drafts.size();
        List<Integer> order = new ArrayList<>();
        for (int x = 25; x < n; x++) order.add(x);
        for (int x = order.size() - 1; x > 0; x--) {
            int y = rnd.nextInt(x + 1);
            Integer t = order.get(x);
            order.set(x, order.get(y));
            order.set(y, t);
        }
        boolean[] titan = new boolean[n];
        for (int x = 0; x < 25; x++) titan[x] = true;
        for (int x = 0; x < TITANX_JOBS - 25; x++) titan[order.get(x)] = true;

        // Starts: uniform within the 172 days so that every job ends by the last day; the first
        // job starts at the beginning and the 9-day job ends at the very end.
        long periodMinutes = DAYS * 24L * 60;
        List<Job> unsorted = new ArrayList<>();
        for (int x = 0; x < n; x++) {
            Draft d = drafts.get(x);
            long startMin;
            if (x == 25) startMin = 0;
            else if (d.minutes() == MAX_MINUTES && x == 26) startMin = periodMinutes - MAX_MINUTES;
            else startMin = rnd.nextLong(periodMinutes - d.minutes() + 1);
            unsorted.add(new Job(0, d.search(), titan[x] ? "titanx" : "m40", d.minutes(), FIRST.plusMinutes(startMin)));
        }
        unsorted.sort(Comparator.comparing(Job::start).thenComparing(Job::search).thenComparingLong(Job::minutes));
        List<Job> out = new ArrayList<>(n);
        long id = 1_040_001;
        for (Job j : unsorted) out.add(new Job(id++, j.search(), j.gpu(), j.minutes(), j.start()));
        return out;
    }

    /** The history in {@code sacct --parsable2} form, one job row and its two step rows per job. */
    public static String sacct() {
        StringBuilder b = new StringBuilder("JobID|JobName|Partition|AllocTRES|Elapsed|Start|End|State\n");
        for (Job j : jobs()) {
            String tres = "billing=4,cpu=4,gres/gpu:" + j.gpu() + "=1,gres/gpu=1,mem=32G,node=1";
            String el = elapsed(j.minutes());
            String start = j.start() + ":00", end = j.end() + ":00";
            b.append(j.id()).append('|').append(j.search()).append('|').append(j.gpu()).append('|').append(tres).append('|')
                    .append(el).append('|').append(start).append('|').append(end).append("|COMPLETED\n");
            b.append(j.id()).append(".batch|batch||").append(tres.replace("billing=4,", "")).append('|').append(el).append('|')
                    .append(start).append('|').append(end).append("|COMPLETED\n");
            b.append(j.id()).append(".extern|extern||").append(tres).append('|').append(el).append('|')
                    .append(start).append('|').append(end).append("|COMPLETED\n");
        }
        return b.toString();
    }

    static String elapsed(long minutes) {
        long d = minutes / (24 * 60), h = minutes / 60 % 24, m = minutes % 60;
        return (d > 0 ? d + "-" : "") + String.format("%02d:%02d:00", h, m);
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "sample-logs/lisa-rnd/sacct.txt");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, sacct(), StandardCharsets.UTF_8);
    }
}
