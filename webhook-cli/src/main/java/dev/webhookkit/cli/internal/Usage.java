package dev.webhookkit.cli.internal;

import java.util.Collection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Usage errors: picocli turns these into exit code 2 with the message on standard error. */
final class Usage {
    private Usage() {
    }

    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code Unknown --scheme 'x'. Known: a, b, c}. */
    static ParameterException unknownId(CommandSpec spec, String option, String id, Collection<String> known) {
        return error(spec, "Unknown " + option + " '" + id + "'. Known: " + String.join(", ", known));
    }
}
