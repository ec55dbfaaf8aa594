package dev.webhookkit.outbound.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, from a resource Maven filters at build time. */
public final class Version {
    /** {@code webhookkit/<version>}. */
    public static final String USER_AGENT = "webhookkit/" + read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.isBlank() || v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
