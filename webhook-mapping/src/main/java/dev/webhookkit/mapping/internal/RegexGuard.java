package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a filter condition's regular expressions ({@code =~ /…/}) from backtracking without end
 * on a payload value the sender chose. json-path runs them with {@code java.util.regex}, which
 * backtracks, so two limits together bound the work: the expression may not repeat anything that
 * itself repeats or alternates ({@code (a+)+}, {@code (a|ab)*}), nor use back-references, and has at
 * most {@value #MAX_UNBOUNDED} unbounded quantifiers ({@code * + {n,}}) — so matching is at most
 * quadratic — and the values it sees are cut to {@value #MAX_INPUT_CHARS} characters.
 */
public final class RegexGuard {
    /** Values a regular expression sees are cut to this many characters. */
    public static final int MAX_INPUT_CHARS = 4096;
    /** With n ≤ 4096, two unbounded quantifiers cost at most ~n² steps: milliseconds. */
    public static final int MAX_UNBOUNDED = 2;

    private RegexGuard() {
    }

    private static final Pattern BRACES = Pattern.compile("\\{\\s*(\\d+)\\s*(,\\s*(\\d*)\\s*)?}");

    /** Why the regular expression could backtrack without bound, or empty when it is safe to run. */
    public static Optional<String> problem(String regex) {
        Deque<boolean[]> groups = new ArrayDeque<>(); // per open group: {something inside repeats or alternates}
        groups.push(new boolean[1]);
        boolean afterRiskyGroup = false;
        int unbounded = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            boolean riskyGroup = false;
            switch (c) {
                case '\\' -> {
                    if (i + 1 < regex.length()) {
                        char next = regex.charAt(i + 1);
                        if ((next >= '1' && next <= '9') || next == 'k') {
                            return Optional.of("back-references are not allowed");
                        }
                        i++;
                    }
                }
                case '[' -> i = endOfClass(regex, i);
                case '(' -> {
                    groups.push(new boolean[1]);
                    i = endOfGroupPrefix(regex, i);
                }
                case ')' -> {
                    if (groups.size() > 1) {
                        boolean inner = groups.pop()[0];
                        groups.peek()[0] |= inner;
                        riskyGroup = inner;
                    }
                }
                case '|' -> groups.peek()[0] = true;
                case '*', '+', '?', '{' -> {
                    int end = i;
                    boolean repeats = c != '?';
                    boolean isUnbounded = c != '?';
                    if (c == '{') {
                        Matcher braces = BRACES.matcher(regex).region(i, regex.length());
                        if (!braces.lookingAt()) {
                            break; // a literal '{'
                        }
                        end = braces.end() - 1;
                        long min = Long.parseLong(braces.group(1));
                        boolean open = braces.group(2) != null && braces.group(3).isEmpty();
                        long max = braces.group(2) == null ? min : open ? Long.MAX_VALUE : Long.parseLong(braces.group(3));
                        repeats = max >= 2;
                        isUnbounded = open;
                    }
                    if (repeats && afterRiskyGroup) {
                        return Optional.of("a group that repeats or alternates inside may not repeat itself (near '"
                                + context(regex, end) + "')");
                    }
                    if (isUnbounded && ++unbounded > MAX_UNBOUNDED) {
                        return Optional.of("at most " + MAX_UNBOUNDED + " unbounded quantifiers (* + {n,}) are allowed");
                    }
                    if (repeats) {
                        groups.peek()[0] = true;
                    }
                    i = end;
                    if (i + 1 < regex.length() && (regex.charAt(i + 1) == '?' || regex.charAt(i + 1) == '+')) {
                        i++; // lazy or possessive: still the same quantifier
                    }
                }
                default -> {
                    // a literal
                }
            }
            afterRiskyGroup = riskyGroup;
        }
        return Optional.empty();
    }

    /** Skips {@code ?:}, {@code ?=}, {@code ?<name>}, {@code ?i:} … after a '(' at {@code open}; returns the last index of it. */
    private static int endOfGroupPrefix(String regex, int open) {
        if (open + 1 >= regex.length() || regex.charAt(open + 1) != '?') {
            return open;
        }
        int i = open + 2;
        if (i >= regex.length()) {
            return open + 1;
        }
        char kind = regex.charAt(i);
        if (":=!>".indexOf(kind) >= 0) {
            return i;
        }
        if (kind == '<') {
            if (i + 1 < regex.length() && "=!".indexOf(regex.charAt(i + 1)) >= 0) {
                return i + 1;
            }
            int close = regex.indexOf('>', i);
            return close < 0 ? regex.length() - 1 : close;
        }
        while (i < regex.length() && (Character.isLetter(regex.charAt(i)) || regex.charAt(i) == '-')) {
            i++; // inline flags
        }
        return i < regex.length() && regex.charAt(i) == ':' ? i : i - 1;
    }

    /**
     * The document as a regular expression should see it: the same, unless a text value is longer
     * than {@link #MAX_INPUT_CHARS}; then a copy with such values cut.
     */
    public static JsonNode boundedForRegex(JsonNode document) {
        return hasLongText(document) ? cut(document) : document;
    }

    private static boolean hasLongText(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().length() > MAX_INPUT_CHARS;
        }
        for (JsonNode child : node) {
            if (hasLongText(child)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode cut(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return text.length() > MAX_INPUT_CHARS ? TextNode.valueOf(text.substring(0, MAX_INPUT_CHARS)) : node;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                copy.set(field.getKey(), cut(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(child -> copy.add(cut(child)));
            return copy;
        }
        return node;
    }

    /** Skips a character class, nested classes and escapes included; returns the index of its ']'. */
    private static int endOfClass(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && i > open + 1 && --depth == 0) {
                return i;
            }
        }
        return regex.length() - 1;
    }

    private static String context(String regex, int at) {
        return regex.substring(Math.max(0, at - 12), Math.min(regex.length(), at + 2));
    }
}
