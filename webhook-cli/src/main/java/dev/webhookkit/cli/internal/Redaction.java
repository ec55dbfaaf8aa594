package dev.webhookkit.cli.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Masks the values given to {@code --secret} on a command line wherever they appear in a message,
 * so that no error repeats a secret the user typed (picocli quotes arguments it could not place,
 * and a secret starting with '-' looks like an option to it).
 */
final class Redaction {
    static final String MASK = "****";
    private static final String OPTION = "--secret";

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    static Redaction of(String[] args) {
        List<String> found = new ArrayList<>();
        for (int i = 0; args != null && i < args.length; i++) {
            String arg = args[i];
            if (arg == null) {
                continue;
            }
            if (arg.equals(OPTION) && i + 1 < args.length && args[i + 1] != null) {
                found.add(args[i + 1]);
            } else if (arg.startsWith(OPTION + "=")) {
                found.add(arg.substring(OPTION.length() + 1));
            }
        }
        found.removeIf(String::isEmpty);
        found.sort(Comparator.comparingInt(String::length).reversed()); // a secret inside another is masked with it
        return new Redaction(List.copyOf(found));
    }

    String apply(String message) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (String secret : secrets) {
            out = mask(out, secret);
        }
        return out;
    }

    /**
     * Masks each occurrence of the secret that stands as a token of its own (not inside a word),
     * as picocli quotes arguments: a one-letter secret must not mask that letter in every word.
     */
    private static String mask(String text, String secret) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int at;
        while ((at = text.indexOf(secret, from)) >= 0) {
            int end = at + secret.length();
            boolean standsAlone = (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
            out.append(text, from, at).append(standsAlone ? MASK : secret);
            from = end;
        }
        return out.append(text, from, text.length()).toString();
    }
}
