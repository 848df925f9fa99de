package io.carbonpaper.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The accelerators a job ran on, as the input named them (not yet matched against a catalog).
 *
 * <p>Most jobs run on one kind of device; a workstation may hold two different cards (CodeCarbon's
 * {@code 1 x NVIDIA GeForce RTX 4060, 1 x NVIDIA GeForce RTX 3080 Ti}). {@link #parts()} lists each
 * kind with its count in the input's order; {@link #accelerator()} is the first part's name and
 * {@link #count()} the devices of all parts together.
 *
 * @param count      the number of devices the job used, not how many the host had
 * @param originFile the file the name was read from, so an unknown accelerator can be reported there
 * @param originLine its 1-based line there, or 0 when the file has no line for it
 * @param parts      each kind of device and how many of it; one part unless the job ran on a mix
 */
public record Hardware(String accelerator, int count, String originFile, long originLine, List<Part> parts) {
    /** {@code count} devices named {@code name}. */
    public record Part(String name, int count) {
        public Part {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) throw new IllegalArgumentException("device name is blank");
            if (count < 1) throw new IllegalArgumentException("device count must be >= 1: " + count);
        }

        @Override public String toString() { return count + " x " + name; }
    }

    public Hardware {
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(originFile, "originFile");
        if (count < 1) throw new IllegalArgumentException("accelerator count must be >= 1: " + count);
        if (originLine < 0) throw new IllegalArgumentException("originLine < 0");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) throw new IllegalArgumentException("no parts");
        if (!parts.get(0).name().equals(accelerator) || parts.stream().mapToInt(Part::count).sum() != count)
            throw new IllegalArgumentException("parts " + parts + " disagree with " + count + " x " + accelerator);
    }

    /** {@code count} devices of one kind. */
    public Hardware(String accelerator, int count, String originFile, long originLine) {
        this(accelerator, count, originFile, originLine, List.of(new Part(accelerator, count)));
    }

    /** The devices of {@code parts} (at least one), named as the input wrote them. */
    public static Hardware of(List<Part> parts, String originFile, long originLine) {
        if (parts.isEmpty()) throw new IllegalArgumentException("no parts");
        return new Hardware(parts.get(0).name(), parts.stream().mapToInt(Part::count).sum(), originFile, originLine, parts);
    }

    /** Whether the job ran on more than one kind of device. */
    public boolean mixed() { return parts.size() > 1; }

    /** {@code NAME x N}, or for a mix each part joined by {@code " + "}. */
    public String describe() {
        return parts.stream().map(p -> p.name() + " \u00d7 " + p.count()).collect(Collectors.joining(" + "));
    }

    /**
     * {@code name} and a device count in the paper's style, {@code P100x8}; a name that itself ends
     * in an x keeps a space before the count ({@code MI300X x8}), which would otherwise read as part of it.
     */
    public static String times(String name, int count) {
        char last = name.isEmpty() ? ' ' : name.charAt(name.length() - 1);
        return name + (last == 'x' || last == 'X' ? " x" : "x") + count;
    }

    /** {@code file:line}, or the file alone when there is no line. */
    public String origin() { return originLine > 0 ? originFile + ":" + originLine : originFile; }
}
