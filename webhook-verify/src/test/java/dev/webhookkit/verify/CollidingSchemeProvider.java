package dev.webhookkit.verify;

import dev.webhookkit.verify.spi.SchemeProvider;
import java.util.List;

/** A provider that tries to replace the built-in {@code github}; registered only in a temporary services directory. */
public final class CollidingSchemeProvider implements SchemeProvider {
    @Override
    public List<SchemeDescriptor> schemes() {
        return List.of(SchemeDescriptor.builder("github", o -> new TestScheme("X-Hub-Signature-256")).build());
    }
}
