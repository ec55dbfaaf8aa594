package dev.webhookkit.cli.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.spi.SignatureVerifier;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Turns repeated {@code --secret} options into a key ring with ids {@code default}, {@code key-2} …. */
final class Secrets {
    private Secrets() {
    }

    /** As {@link #keyRing(CommandSpec, List)}; at least one is required unless the scheme needs none (sns). */
    static SecretSet keyRing(CommandSpec spec, List<String> values, SignatureVerifier scheme) {
        if (values.isEmpty() && scheme.requiresSecrets()) {
            throw Usage.error(spec, "Missing required option: '--secret=S' (scheme " + scheme.schemeId() + " needs a secret)");
        }
        return keyRing(spec, values);
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
