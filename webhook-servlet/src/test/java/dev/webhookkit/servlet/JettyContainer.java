package dev.webhookkit.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10, Servlet 6.0). */
final class JettyContainer implements ServletContainer {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);

    JettyContainer() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context.setContextPath("/");
        server.setHandler(context);
        server.setStopTimeout(2_000);
    }

    @Override
    public void addFilter(String name, Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setName(name);
        holder.setAsyncSupported(true);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void addFilter(String name, Class<? extends Filter> filterClass, Map<String, String> initParameters) {
        FilterHolder holder = new FilterHolder(filterClass);
        holder.setName(name);
        holder.setAsyncSupported(true);
        initParameters.forEach(holder::setInitParameter);
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void addServlet(String name, Servlet servlet, String urlPattern) {
        ServletHolder holder = new ServletHolder(name, servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, urlPattern);
    }

    @Override
    public void addServlet(String name, Class<? extends Servlet> servletClass, Map<String, String> initParameters, String urlPattern) {
        ServletHolder holder = new ServletHolder(name, servletClass);
        holder.setAsyncSupported(true);
        initParameters.forEach(holder::setInitParameter);
        context.addServlet(holder, urlPattern);
    }

    @Override
    public void setContextAttribute(String name, Object value) {
        context.setAttribute(name, value);
    }

    @Override
    public int start() throws Exception {
        server.start();
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    @Override
    public String toString() {
        return "Jetty " + Server.getVersion();
    }
}
