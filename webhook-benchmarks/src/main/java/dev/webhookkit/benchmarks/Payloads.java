package dev.webhookkit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Benchmark inputs shipped as resources. */
final class Payloads {
    private Payloads() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
