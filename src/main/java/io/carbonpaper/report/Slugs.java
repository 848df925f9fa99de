package io.carbonpaper.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * File-name stems made from names found in logs. The result only ever holds {@code [a-z0-9-]},
 * so no experiment name ({@code ../../etc}, an absolute path, a NUL) can leave the output folder;
 * a hash of the original keeps different names apart. A 24-bit hash alone does not (two in 10,000
 * Hydra multirun folders share one, and so do {@code run)%;x} and {@code run'}-x}), so pages and
 * folders named together take {@link #unique}, which lengthens the hash of colliding names and, past
 * the whole digest, numbers them.
 */
public final class Slugs {
    private Slugs() {}

    /** The slug of one name, on its own: stem plus a 6-digit hash; two names may share it (see {@link #unique}). */
    public static String of(String name) { return of(name, 6); }

    /**
     * A slug for each of {@code names}, distinct for distinct names, by construction: a name keeps
     * its {@link #of} slug unless another name has the same, in which case all names in that clash
     * take 12, then 24, then all 64 hex digits of their hash, and, should two digests ever agree,
     * a number in the order of the names. Deterministic: the same names give the same slugs in any
     * order. A lengthened slug never meets a shorter one: what follows a slug's last dash is its
     * whole hash, and hashes of different lengths differ.
     *
     * @return name to slug, in the order of {@code names}; a repeated name is one entry
     */
    public static Map<String, String> unique(Collection<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) out.putIfAbsent(n, null);
        Map<String, Integer> digits = new HashMap<>();
        for (String n : out.keySet()) digits.put(n, 6);
        while (true) {
            Map<String, List<String>> bySlug = new HashMap<>();
            for (String n : out.keySet()) {
                String s = of(n, digits.get(n));
                out.put(n, s);
                bySlug.computeIfAbsent(s, k -> new ArrayList<>()).add(n);
            }
            List<List<String>> clashes = bySlug.values().stream().filter(g -> g.size() > 1).toList();
            if (clashes.isEmpty()) return out;
            boolean longer = false;
            for (List<String> g : clashes) {
                for (String n : g) {
                    int d = digits.get(n);
                    if (d < 64) {
                        digits.put(n, d == 6 ? 12 : d == 12 ? 24 : 64);
                        longer = true;
                    }
                }
            }
            if (!longer) {
                // Two names with one SHA-256 (never seen; kept total): numbered in name order. The part
                // after a slug's last dash is its whole hash (6, 12, 24 or 64 digits) or this number, so
                // slugs of different kinds never meet.
                for (List<String> g : clashes) {
                    List<String> sorted = g.stream().sorted().toList();
                    for (int i = 0; i < sorted.size(); i++) out.put(sorted.get(i), of(sorted.get(i), 64) + "-" + (i + 1));
                }
                return out;
            }
        }
    }

    private static String of(String name, int hexDigits) {
        String s = stem(name);
        return (s.isEmpty() ? "x" : s) + "-" + hash(name).substring(0, hexDigits);
    }

    /**
     * The readable part of a slug: the name without accents, in lower case, each run of characters
     * other than {@code [a-z0-9]} one dash, none at either end, at most 48 characters. An ASCII name
     * (nearly all) takes one pass instead of the Unicode normaliser and four regular expressions,
     * with the same result (issue 20: the normaliser's tables alone are ~30 classes and their data).
     */
    static String stem(String name) {
        for (int i = 0; i < name.length(); i++) if (name.charAt(i) >= 0x80) return stemByPatterns(name);
        StringBuilder b = new StringBuilder(Math.min(name.length(), 48));
        boolean gap = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (gap && b.length() > 0) b.append('-');
                gap = false;
                b.append(c);
            } else {
                gap = true;
            }
        }
        if (b.length() > 48) {
            b.setLength(48);
            while (b.charAt(b.length() - 1) == '-') b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    /** {@link #stem} of any name, by the Unicode normaliser and patterns. */
    static String stemByPatterns(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 48) s = s.substring(0, 48).replaceAll("-+$", "");
        return s;
    }

    private static String hash(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
