package dev.webhookkit.core;

import java.util.Objects;

/**
 * A case-insensitive glob: {@code *} matches any run of characters, {@code ?} exactly one, the rest
 * literally. Used by inbound filters ({@code *.critical}) and outbound subscriptions
 * ({@code incident.*}). Matching takes at most (subject length × pattern length) character
 * comparisons, whatever the subject: the pattern is split at each {@code *} into fixed-length
 * segments, and each segment is found at its leftmost place after the previous one (which is
 * always right, because a segment has one length), so nothing is ever tried twice. Immutable
 * and thread-safe.
 */
public final class Glob {
    /** A {@code ?} in a segment. */
    private static final int ANY = -1;

    private final String text;
    /** The code points between the stars, {@code ?} as {@link #ANY}; one segment when there is no star. */
    private final int[][] segments;
    private final boolean hasStar;

    private Glob(String text) {
        this.text = text;
        String[] parts = text.split("\\*", -1);
        this.segments = new int[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            segments[i] = parts[i].codePoints().map(c -> c == '?' ? ANY : c).toArray();
        }
        this.hasStar = parts.length > 1;
    }

    /** The glob, surrounding white space ignored. */
    public static Glob of(String glob) {
        return new Glob(Objects.requireNonNull(glob, "glob").trim());
    }

    public boolean matches(String subject) {
        return matches(subject, new Steps());
    }

    /** True for {@code *}, which matches everything. */
    public boolean matchesEverything() {
        return "*".equals(text);
    }

    /** Counts character comparisons, so that a test can hold matching to its bound. */
    static final class Steps {
        long count;
    }

    boolean matches(String subject, Steps steps) {
        int[] s = Objects.requireNonNull(subject, "subject").codePoints().toArray();
        int[] first = segments[0];
        if (!hasStar) {
            return s.length == first.length && matchesAt(first, s, 0, steps);
        }
        int[] last = segments[segments.length - 1];
        int end = s.length - last.length; // where the last segment must start
        if (end < first.length || !matchesAt(first, s, 0, steps) || !matchesAt(last, s, end, steps)) {
            return false;
        }
        int from = first.length;
        for (int k = 1; k < segments.length - 1; k++) {
            int[] segment = segments[k];
            int at = find(segment, s, from, end, steps);
            if (at < 0) {
                return false;
            }
            from = at + segment.length;
        }
        return true;
    }

    /** The leftmost start in [from, end - length] where the segment matches, or -1. */
    private static int find(int[] segment, int[] s, int from, int end, Steps steps) {
        for (int at = from; at + segment.length <= end; at++) {
            if (matchesAt(segment, s, at, steps)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean matchesAt(int[] segment, int[] s, int at, Steps steps) {
        for (int i = 0; i < segment.length; i++) {
            steps.count++;
            int p = segment[i];
            if (p != ANY && !sameIgnoringCase(p, s[at + i])) {
                return false;
            }
        }
        return true;
    }

    /** The comparison of {@code Pattern.CASE_INSENSITIVE | UNICODE_CASE}, which this class used before. */
    private static boolean sameIgnoringCase(int a, int b) {
        if (a == b) {
            return true;
        }
        int upperA = Character.toUpperCase(a);
        int upperB = Character.toUpperCase(b);
        return upperA == upperB || Character.toLowerCase(upperA) == Character.toLowerCase(upperB);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glob g && g.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
