package dev.webhookkit.admin;

import dev.webhookkit.admin.internal.BoundedBody;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;

/**
 * The admin API as a Jakarta Servlet (6.0+), mounted under any prefix:
 * {@code context.addServlet(new ServletHolder(new AdminServlet(api)), "/admin/*")}. Paths of the
 * API are relative to the mapping ({@code /admin/endpoints}). A container that creates the servlet
 * itself (no-argument constructor) finds the API in the ServletContext attribute
 * {@link #API_ATTRIBUTE}.
 *
 * <p>Bodies longer than {@link AdminApi#maxBodyBytes()} are answered 413 without being read past
 * the limit. Requests the container refuses before the servlet runs (ambiguous encoded paths such as
 * {@code %2F}) get the container's own error page. Thread-safe.
 */
public final class AdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The ServletContext attribute holding the {@link AdminApi} for a container-created servlet. */
    public static final String API_ATTRIBUTE = AdminApi.class.getName();

    private transient volatile AdminApi api;

    /** For containers that instantiate servlets: the API comes from {@link #API_ATTRIBUTE} at init. */
    public AdminServlet() {
    }

    public AdminServlet(AdminApi api) {
        this.api = java.util.Objects.requireNonNull(api, "api");
    }

    @Override
    public void init() throws ServletException {
        if (api == null) {
            Object attribute = getServletContext().getAttribute(API_ATTRIBUTE);
            if (!(attribute instanceof AdminApi configured)) {
                throw new ServletException(new ConfigurationException(
                        "AdminServlet needs an AdminApi: construct it with one or set the ServletContext attribute " + API_ATTRIBUTE));
            }
            api = configured;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AdminApi current = api;
        String base = req.getContextPath() + req.getServletPath();
        String raw = req.getRequestURI();
        // The raw URI keeps percent escapes for the API to decode once; pathInfo is already decoded.
        String path = raw.startsWith(base) ? raw.substring(base.length()) : (req.getPathInfo() == null ? "" : req.getPathInfo());
        AdminResponse response;
        if (BoundedBody.announcedTooLarge(req.getHeader("Content-Length"), current.maxBodyBytes())) {
            response = current.bodyTooLarge();
        } else {
            byte[] body = BoundedBody.read(req.getInputStream(), current.maxBodyBytes());
            response = body == null ? current.bodyTooLarge()
                    : current.handle(new AdminRequest(req.getMethod(), base, path, req.getQueryString(), headers(req), body));
        }
        resp.setStatus(response.status());
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            resp.setHeader(h.getKey(), h.getValue());
        }
        if (response.body().length > 0) {
            resp.setContentLength(response.body().length);
            resp.getOutputStream().write(response.body());
        }
    }

    private static Headers headers(HttpServletRequest req) {
        Headers.Builder b = Headers.builder();
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                b.add(name, value);
            }
        }
        return b.build();
    }
}
