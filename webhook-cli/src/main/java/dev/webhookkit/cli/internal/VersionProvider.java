package dev.webhookkit.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version, from a resource Maven writes (so it works outside the jar too). */
public final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "/dev/webhookkit/cli/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"webhook " + version(), "webhookkit command line tool, Java " + Runtime.version()};
    }

    /** The version, or {@code unknown} when the resource is missing (never in a built jar). */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").trim();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }
}
