package dev.webhookkit.cli.internal;

import dev.webhookkit.admin.DefinitionFile;
import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts the definitions file's entries into the registries at start: an entry whose name (id) is not
 * there yet is created; one that exists is kept as the registry has it. So what the admin API
 * changed — a rotated secret, a disabled endpoint — survives a restart with the same file; to
 * apply a changed file entry, delete the entry through the API (or use PUT) first.
 */
final class DefinitionSeeder {
    private DefinitionSeeder() {
    }

    /**
     * What seeding did.
     *
     * @param created the names and ids created
     * @param kept the names and ids that existed already
     */
    record Outcome(List<String> created, List<String> kept) {
        Outcome {
            created = List.copyOf(created);
            kept = List.copyOf(kept);
        }
    }

    static Outcome seed(DefinitionFile definitions, EndpointRegistry endpoints, SubscriptionRegistry subscriptions) {
        List<String> created = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Endpoint endpoint : definitions.endpoints()) {
            sort(createIfMissing(endpoints::create, endpoint), "endpoint '" + endpoint.name() + "'", created, kept);
        }
        for (Subscription subscription : definitions.subscriptions()) {
            sort(createIfMissing(subscriptions::create, subscription), "subscription '" + subscription.id() + "'", created, kept);
        }
        return new Outcome(created, kept);
    }

    /** One line per kept entry, on standard error: a file edit that did not apply must not go unnoticed. */
    static void report(Outcome outcome, DefinitionFile definitions, PrintWriter err) {
        Objects.requireNonNull(err, "err");
        Path file = definitions.path();
        for (String entry : outcome.kept()) {
            err.println("note: " + entry + " of " + file + " exists already; kept as stored");
        }
    }

    private static <T> boolean createIfMissing(java.util.function.Consumer<T> create, T entry) {
        try {
            create.accept(entry);
            return true;
        } catch (AlreadyExistsException e) {
            return false;
        }
    }

    private static void sort(boolean wasCreated, String what, List<String> created, List<String> kept) {
        (wasCreated ? created : kept).add(what);
    }
}
