package dev.webhookkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a query's answer, newest first, and the cursor that continues it.
 *
 * @param items the entries of this page
 * @param next an opaque cursor for the next page, null when this page is the last
 * @param <T> the entry
 */
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** The cursor of the next page, empty when this page is the last. */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(next);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }
}
