package dev.webhookkit.actions.internal;

import dev.webhookkit.core.ConfigurationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** Action, route, handler and task names: they appear in the event log and in subscription ids, so they are kept plain. */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Names() {
    }

    /** The name, if it is 1 to 64 letters, digits, '.', '_' or '-' starting with a letter or digit. */
    public static String check(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException(what + " must be 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or digit) but was '"
                    + name + "'");
        }
        return name;
    }
}
