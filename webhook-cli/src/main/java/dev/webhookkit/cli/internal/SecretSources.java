package dev.webhookkit.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Secrets from the command line, environment variables ({@code --secret-env NAME}) and files
 * ({@code --secret-file PATH}), in that order. Errors name the variable or the file, never a value.
 */
final class SecretSources {
    /** A secret or a PEM key fits easily; a larger file is not what the user meant. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private SecretSources() {
    }

    static List<String> collect(CommandSpec spec, CliEnvironment env, List<String> values, List<String> variables, List<Path> files) {
        List<String> all = new ArrayList<>(values);
        for (String name : variables) {
            String value = env.variable(name).orElseThrow(() -> Usage.error(spec, "--secret-env: environment variable '" + name
                    + "' is not set"));
            if (value.isBlank()) {
                throw Usage.error(spec, "--secret-env: environment variable '" + name + "' is empty");
            }
            all.add(value);
        }
        for (Path file : files) {
            all.add(read(spec, file));
        }
        return all;
    }

    private static String read(CommandSpec spec, Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw Usage.error(spec, "--secret-file: '" + file + "' is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw Usage.error(spec, "--secret-file: cannot read '" + file + "' (" + e.getClass().getSimpleName() + ")");
        }
        String value = stripLineBreak(new String(bytes, StandardCharsets.UTF_8));
        if (value.isBlank()) {
            throw Usage.error(spec, "--secret-file: '" + file + "' is empty");
        }
        return value;
    }

    /** {@code echo s3cret > file} writes a line break the secret does not have. */
    private static String stripLineBreak(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
