package dev.webhookkit.spring.internal;

import dev.webhookkit.admin.AdminApi;
import dev.webhookkit.admin.AdminServlet;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * Answers the admin API under its path from the filter chain, ahead of Spring Security's filters,
 * with webhook-admin's {@link AdminServlet}: the API authenticates every call by its own bearer
 * token, so it needs neither a login nor a CSRF token (a JSON API called by scripts has neither).
 * Any other request goes on down the chain. Thread-safe.
 */
public final class AdminFilter implements Filter {
    private final AdminServlet servlet;
    private final String path;

    /** @param path where the API is mounted, e.g. {@code /admin} */
    public AdminFilter(AdminApi api, String path) {
        this.servlet = new AdminServlet(api);
        this.path = path;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && mounted(http)) {
            servlet.service(new Mounted(http, path), response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** On the raw URI, which AdminServlet reads too: an escaped prefix ({@code /%61dmin}) is not the API's. */
    private boolean mounted(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String base = request.getContextPath() + path;
        return uri.startsWith(base) && (uri.length() == base.length() || uri.charAt(base.length()) == '/');
    }

    /** The request as the servlet would see it if it were mapped to {@code path/*}. */
    private static final class Mounted extends HttpServletRequestWrapper {
        private final String path;

        Mounted(HttpServletRequest request, String path) {
            super(request);
            this.path = path;
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            String rest = getRequestURI().substring(getContextPath().length() + path.length());
            return rest.isEmpty() ? null : rest;
        }
    }
}
