package dev.webhookkit.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --secret}, {@code --secret-env} and {@code --secret-file}, for the commands that take a
 * secret but do not require one (listen, replay, trigger). Errors name the variable or file, never a value.
 */
final class SecretOptions {
    @Option(names = "--secret", paramLabel = "S",
            description = "A secret (the key for public-key schemes); repeat for a key ring."
                    + " Visible to other users in the process list: prefer --secret-env or --secret-file.")
    List<String> values = new ArrayList<>();

    @Option(names = "--secret-env", paramLabel = "NAME", description = "Read a secret from this environment variable; repeatable.")
    List<String> variables = new ArrayList<>();

    @Option(names = "--secret-file", paramLabel = "PATH",
            description = "Read a secret from this file (trailing line break ignored); repeatable.")
    List<Path> files = new ArrayList<>();

    /** True when none of the three was given. */
    boolean isEmpty() {
        return values.isEmpty() && variables.isEmpty() && files.isEmpty();
    }

    /** Every secret given, from the command line, then the variables, then the files. */
    List<String> collect(CommandSpec spec, CliEnvironment env) {
        return SecretSources.collect(spec, env, values, variables, files);
    }
}
