package dev.webhookkit.verify;

import dev.webhookkit.verify.spi.SchemeProvider;
import java.util.List;

/**
 * A third-party provider, registered by this module's test {@code META-INF/services} file: its
 * {@code test-scheme} is GitHub's format under {@code X-Test-Signature}, built by another class
 * loader's code path than the built-in ones.
 */
public final class TestSchemeProvider implements SchemeProvider {
    @Override
    public List<SchemeDescriptor> schemes() {
        return List.of(SchemeDescriptor.builder("test-scheme", o -> new TestScheme(o.signatureHeader().orElse("X-Test-Signature")))
                .summary("test scheme of a third-party provider")
                .options(SchemeOption.SIGNATURE_HEADER)
                .build());
    }
}
