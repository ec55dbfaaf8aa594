package dev.webhookkit.cli.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.outbound.Subscription;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoints and subscriptions of {@code serve --config}, read and checked (secrets resolved)
 * before anything starts.
 *
 * @param file where they came from, or empty
 * @param endpoints the endpoints, in file order
 * @param subscriptions the subscriptions, in file order
 */
record Definitions(Optional<Path> file, List<Endpoint> endpoints, List<Subscription> subscriptions) {
    static final Definitions NONE = new Definitions(Optional.empty(), List.of(), List.of());

    Definitions {
        Objects.requireNonNull(file, "file");
        endpoints = List.copyOf(endpoints);
        subscriptions = List.copyOf(subscriptions);
    }

    /**
     * Reads a definitions file, with secret references resolved from the environment's variables.
     *
     * @throws ConfigurationException naming the file, the entry and the field
     */
    static Definitions load(Path file, CliEnvironment env) {
        Objects.requireNonNull(env, "env");
        throw new ConfigurationException("'" + file + "': definition files are not supported yet");
    }

    @Override
    public String toString() {
        return "Definitions[" + file.map(Path::toString).orElse("none") + ": " + endpoints.size() + " endpoints, "
                + subscriptions.size() + " subscriptions]";
    }
}
