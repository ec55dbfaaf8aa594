package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Glob;
import java.util.List;

/** A subscription's event-type globs: a type matches when any glob does. Immutable. */
public final class EventTypeGlobs {
    private final List<Glob> globs;
    private final boolean any;

    public EventTypeGlobs(List<String> globs) {
        this.globs = globs.stream().map(Glob::of).toList();
        this.any = this.globs.stream().anyMatch(Glob::matchesEverything);
    }

    public boolean matches(String eventType) {
        if (any) {
            return true;
        }
        for (Glob g : globs) {
            if (g.matches(eventType)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return globs.toString();
    }
}
