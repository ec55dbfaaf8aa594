package dev.webhookkit.verify.spi;

import dev.webhookkit.verify.SchemeDescriptor;
import java.util.List;

/**
 * Adds signature schemes to {@link dev.webhookkit.verify.Schemes}. Implementations are found once,
 * on first use of {@code Schemes}, with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.webhookkit.verify.spi.SchemeProvider} file naming the class, visible
 * to the class loader of webhook-verify); they need a public no-argument constructor.
 *
 * <p>Their schemes come after the built-in ones in {@link dev.webhookkit.verify.Schemes#ids()}.
 * An id that is already registered, built in or by another provider, is refused: every use of
 * {@code Schemes} then throws a {@link dev.webhookkit.core.ConfigurationException} naming the
 * provider and the id.
 */
public interface SchemeProvider {
    /** The schemes this provider adds; called once. */
    List<SchemeDescriptor> schemes();
}
