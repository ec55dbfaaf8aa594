package dev.webhookkit.cli.internal;

import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.mapping.Mappers;
import java.util.Iterator;
import picocli.CommandLine.Model.CommandSpec;

/** Looks up payload mappers by the {@code --provider} id. */
final class Providers {
    private Providers() {
    }

    /** The mapper, or a usage error listing the known ids. */
    static PayloadMapper resolve(CommandSpec spec, String id) {
        return Mappers.find(id).orElseThrow(() -> Usage.unknownId(spec, "--provider", id, Mappers.ids()));
    }

    /** The known provider ids, for help text and shell completion. */
    public static final class Ids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Mappers.ids().iterator();
        }
    }
}
