package dev.webhookkit.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's files, read once from the jar. Every asset but the page itself is served under
 * {@code assets/VERSION/NAME}, VERSION being a digest of all assets, so a browser may keep them
 * forever: a new release changes the path. The page is rendered per mount with the admin path
 * (HTML-escaped) and the version. Immutable and thread-safe.
 */
public final class ConsoleAssets {
    /** The files shipped in the jar, under {@code dev/webhookkit/console/assets/}. */
    static final List<String> NAMES = List.of("app.js", "api.js", "dom.js", "pages.js", "chart.js", "console.css", "favicon.svg");
    private static final String ROOT = "dev/webhookkit/console/assets/";

    /** One file, its body and what it is. */
    public record Asset(byte[] body, String contentType, String etag) {
    }

    private final Map<String, Asset> assets;
    private final String version;
    private final String indexTemplate;

    private ConsoleAssets(Map<String, Asset> assets, String version, String indexTemplate) {
        this.assets = assets;
        this.version = version;
        this.indexTemplate = indexTemplate;
    }

    /** Reads the assets from the class path; fails at once when one is missing from the jar. */
    public static ConsoleAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        MessageDigest all = sha256();
        for (String name : NAMES) {
            byte[] body = read(name);
            all.update(name.getBytes(StandardCharsets.UTF_8));
            all.update(body);
            assets.put(name, new Asset(body, contentType(name), etag(body)));
        }
        String version = HexFormat.of().formatHex(all.digest()).substring(0, 12);
        return new ConsoleAssets(Map.copyOf(assets), version, new String(read("index.html"), StandardCharsets.UTF_8));
    }

    /** A digest of every asset: the path segment that makes them immutable. */
    public String version() {
        return version;
    }

    /** The asset named, if it is one of ours (no path walking: names are looked up, never resolved). */
    public Optional<Asset> asset(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    /** The page for a console whose admin API is at {@code adminPath} (a path such as /admin). */
    public Asset index(String adminPath) {
        String html = indexTemplate.replace("{{adminPath}}", escapeHtml(adminPath)).replace("{{version}}", version);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        return new Asset(body, "text/html; charset=utf-8", etag(body));
    }

    static String contentType(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (name.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        throw new IllegalArgumentException("no content type for " + name);
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String etag(byte[] body) {
        return "\"" + HexFormat.of().formatHex(sha256().digest(body)).substring(0, 32) + "\"";
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the jar: " + ROOT + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading console asset " + name, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
