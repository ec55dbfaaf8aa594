package dev.webhookkit.outbound.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Event-type globs, case-insensitive: {@code *} any run of characters, {@code ?} exactly one. Immutable. */
public final class EventTypeGlobs {
    private final List<Pattern> patterns;
    private final boolean any;

    public EventTypeGlobs(List<String> globs) {
        this.patterns = globs.stream().map(EventTypeGlobs::compile).toList();
        this.any = globs.contains("*");
    }

    public boolean matches(String eventType) {
        if (any) {
            return true;
        }
        for (Pattern p : patterns) {
            if (p.matcher(eventType).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
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
    public String toString() {
        return patterns.toString().toLowerCase(Locale.ROOT);
    }
}
