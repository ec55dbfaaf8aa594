package dev.webhookkit.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A case-insensitive glob: {@code *} matches any run of characters, {@code ?} exactly one, the rest
 * literally. Used by inbound filters ({@code *.critical}) and outbound subscriptions
 * ({@code incident.*}). Immutable and thread-safe.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text) {
        this.text = text;
        this.pattern = compile(text);
    }

    /** The glob, surrounding white space ignored. */
    public static Glob of(String glob) {
        return new Glob(Objects.requireNonNull(glob, "glob").trim());
    }

    public boolean matches(String subject) {
        return pattern.matcher(subject).matches();
    }

    /** True for {@code *}, which matches everything. */
    public boolean matchesEverything() {
        return "*".equals(text);
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
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
