package dev.webhookkit.console;

import dev.webhookkit.console.internal.ConsoleAssets;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The web console as a Jakarta Servlet (6.0+), mounted under any prefix next to the admin API:
 * {@code context.addServlet(new ServletHolder(new ConsoleServlet("/admin")), "/console/*")}.
 * It serves static files only; the page talks to the admin API with the token the user types (or
 * passes in the URL fragment), so the console itself needs no credentials and holds no data.
 *
 * <p>Headers on every answer: a Content-Security-Policy that allows scripts, styles and
 * connections from this origin only (no inline script, no framing), {@code nosniff} and
 * {@code Referrer-Policy: no-referrer}. The page is {@code no-cache} (revalidated by ETag);
 * assets live under a versioned path and are {@code immutable}. Only GET and HEAD are answered
 * (405 otherwise); an unknown path is 404. Thread-safe.
 */
public final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The policy sent with every answer: nothing inline, nothing from another origin. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final String adminPath;
    private final transient ConsoleAssets assets;
    /** The page rendered for the last admin path asked for: a servlet's context path does not change, so it is rendered once. */
    private transient volatile RenderedIndex index;

    /**
     * @param adminPath where the admin API is mounted on this origin, such as {@code /admin} (the
     *                  event stream is expected at {@code adminPath + "/events/stream"})
     * @throws IllegalArgumentException when the path does not start with {@code /}
     */
    public ConsoleServlet(String adminPath) {
        Objects.requireNonNull(adminPath, "adminPath");
        if (!adminPath.startsWith("/") || adminPath.contains("//")) {
            throw new IllegalArgumentException("adminPath must be an absolute path such as /admin but was '" + adminPath + "'");
        }
        this.adminPath = adminPath.endsWith("/") && adminPath.length() > 1 ? adminPath.substring(0, adminPath.length() - 1) : adminPath;
        this.assets = ConsoleAssets.load();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        securityHeaders(resp);
        String method = req.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String path = req.getPathInfo();
        if (path == null) { // /console without the slash: relative asset paths need it
            String query = req.getQueryString();
            resp.setHeader("Location", req.getRequestURI() + "/" + (query == null ? "" : "?" + query));
            resp.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            return;
        }
        Optional<ConsoleAssets.Asset> asset;
        String cacheControl;
        if (path.equals("/") || path.equals("/index.html")) {
            asset = Optional.of(index(req.getContextPath() + adminPath));
            cacheControl = "no-cache";
        } else {
            String prefix = "/assets/" + assets.version() + "/";
            asset = path.startsWith(prefix) ? assets.asset(path.substring(prefix.length())) : Optional.empty();
            cacheControl = "public, max-age=31536000, immutable";
        }
        if (asset.isEmpty()) {
            resp.setHeader("Cache-Control", "no-store");
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        ConsoleAssets.Asset a = asset.get();
        resp.setHeader("Cache-Control", cacheControl);
        resp.setHeader("ETag", a.etag());
        String ifNoneMatch = req.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(a.etag()) || ifNoneMatch.strip().equals("*"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(a.contentType());
        resp.setContentLength(a.body().length);
        if ("GET".equals(method)) {
            resp.getOutputStream().write(a.body());
        }
    }

    private ConsoleAssets.Asset index(String fullAdminPath) {
        RenderedIndex cached = index;
        if (cached == null || !cached.adminPath().equals(fullAdminPath)) {
            cached = new RenderedIndex(fullAdminPath, assets.index(fullAdminPath));
            index = cached;
        }
        return cached.page();
    }

    private record RenderedIndex(String adminPath, ConsoleAssets.Asset page) {
    }

    private static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
    }
}
