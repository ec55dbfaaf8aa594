package dev.webhookkit.cli.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.SecretSet;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Turns repeated {@code --secret} options into a key ring with ids {@code default}, {@code key-2} …. */
final class Secrets {
    private Secrets() {
    }

    static SecretSet keyRing(CommandSpec spec, List<String> values) {
        try {
            return SecretSet.ofValues(values.toArray(String[]::new));
        } catch (ConfigurationException e) {
            // The message names the secret's id, never its value.
            throw Usage.error(spec, "--secret: " + e.getMessage());
        }
    }
}
