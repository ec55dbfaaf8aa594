package dev.webhookkit.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reads a request body from a file, or from standard input when no file is given (or it is
 * {@code -}). The bytes are returned exactly as read: no trimming, no newline added or removed.
 */
final class BodyInput {
    private BodyInput() {
    }

    /**
     * @param file the file, or null for standard input
     * @param option the option's name, for error messages ({@code --body-file})
     */
    static byte[] read(CommandSpec spec, CliEnvironment env, Path file, String option) {
        if (file != null && !"-".equals(file.toString())) {
            try {
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw Usage.error(spec, option + ": no such file '" + file + "'");
            } catch (IOException e) {
                throw Usage.error(spec, option + ": cannot read '" + file + "': " + e.getMessage());
            }
        }
        if (env.stdinInteractive()) {
            env.err().println("Reading the body from standard input; end it with Ctrl-D (or use " + option + " FILE).");
        }
        try {
            return env.stdin().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }
}
