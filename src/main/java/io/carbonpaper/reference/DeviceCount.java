package io.carbonpaper.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a device list as tools print it: {@code count} devices named {@code name}.
 *
 * @param count how many devices, at least 1
 * @param name  the device name exactly as the list wrote it, trimmed
 */
public record DeviceCount(int count, String name) {
    private static final int MAX_COUNT_DIGITS = 6;
    private static final Pattern COUNT_X = Pattern.compile("(\\d+)(\\s*)[xX×]\\s+");

    public DeviceCount {
        Objects.requireNonNull(name, "name");
        if (count < 1) throw new IllegalArgumentException("device count must be at least 1, was " + count);
        if (name.isBlank()) throw new IllegalArgumentException("device name is blank");
    }

    /**
     * Splits a device list such as CodeCarbon's {@code gpu_model}: {@code 4 x Tesla V100-SXM2-16GB},
     * {@code 1 x NVIDIA GeForce RTX 4060, 1 x NVIDIA GeForce RTX 3080 Ti}, or the same two glued
     * together as some versions write them, {@code 1 x NVIDIA GeForce RTX 40601 x NVIDIA GeForce RTX 3080 Ti}.
     *
     * <p>Where digits run into the next count ({@code 40601 x}), the split is the one that leaves a
     * name {@code known} accepts, with the smallest count; when no split does, the count is the last
     * digit (counts above 9 are then misread; a separator such as {@code ", "} before the count avoids
     * that). A text that does not start with {@code N x} is one device of that name. Entries are
     * returned in order and never merged. Blank text gives an empty list.
     */
    public static List<DeviceCount> parseList(String text, Predicate<String> known) {
        List<DeviceCount> out = new ArrayList<>();
        if (text == null || text.isBlank()) return out;
        String s = text.strip();
        Matcher m = COUNT_X.matcher(s);
        List<int[]> marks = new ArrayList<>(); // {digitsStart, digitsEnd, nameStart}
        while (m.find()) {
            // "4x NAME" only at the start; later a count needs "N x" so that names such as "TPU7x (Ironwood)" stay whole
            if (m.start(1) == 0 || !m.group(2).isEmpty()) marks.add(new int[]{m.start(1), m.end(1), m.end()});
        }
        if (marks.isEmpty() || marks.get(0)[0] != 0 || marks.get(0)[1] > MAX_COUNT_DIGITS) {
            out.add(new DeviceCount(1, s));
            return out;
        }
        int count = Integer.parseInt(s.substring(0, marks.get(0)[1]));
        int nameStart = marks.get(0)[2];
        for (int i = 1; i < marks.size(); i++) {
            int[] k = marks.get(i);
            String digits = s.substring(k[0], k[1]);
            String before = s.substring(nameStart, k[0]);
            int split = chooseSplit(before, digits, known);
            String name = cleanName(before + digits.substring(0, split));
            int next = Integer.parseInt(digits.substring(split)); // at most MAX_COUNT_DIGITS digits
            if (name.isEmpty()) { // "N x" with nothing before the next count: not a list after all
                out.clear();
                out.add(new DeviceCount(1, s));
                return out;
            }
            out.add(new DeviceCount(Math.max(count, 1), name));
            count = next;
            nameStart = k[2];
        }
        String last = cleanName(s.substring(nameStart));
        if (last.isEmpty()) {
            out.clear();
            out.add(new DeviceCount(1, s));
            return out;
        }
        out.add(new DeviceCount(Math.max(count, 1), last));
        return out;
    }

    /** Index into {@code digits} where the next count starts. */
    private static int chooseSplit(String before, String digits, Predicate<String> known) {
        String trimmed = before.stripTrailing();
        boolean separated = trimmed.endsWith(",") || trimmed.endsWith(";") || trimmed.endsWith("|") || trimmed.endsWith("+");
        if (separated && digits.length() <= MAX_COUNT_DIGITS) return 0;
        int fallback = -1;
        for (int split = digits.length() - 1; split >= 0; split--) { // longest name first = smallest count
            String count = digits.substring(split);
            if (count.startsWith("0") || count.length() > MAX_COUNT_DIGITS) continue;
            if (fallback < 0) fallback = split;
            String name = cleanName(before + digits.substring(0, split));
            if (!name.isEmpty() && known.test(name)) return split;
        }
        return fallback < 0 ? digits.length() - 1 : fallback;
    }

    private static String cleanName(String raw) {
        return raw.strip().replaceAll("[,;|+]+$", "").strip();
    }
}
