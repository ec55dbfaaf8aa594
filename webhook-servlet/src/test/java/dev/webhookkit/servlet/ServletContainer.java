package dev.webhookkit.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.Map;

/**
 * An embedded servlet container for the shared test suite: filters and servlets are registered
 * in order (filters run in the order added, all async-supported), then it starts on 127.0.0.1 on
 * a free port.
 */
interface ServletContainer extends AutoCloseable {

    /** A filter instance on {@code /*}. */
    void addFilter(String name, Filter filter);

    /** A filter the container instantiates and configures from init parameters, on {@code /*}. */
    void addFilter(String name, Class<? extends Filter> filterClass, Map<String, String> initParameters);

    /** A servlet instance, async-supported. */
    void addServlet(String name, Servlet servlet, String urlPattern);

    /** A servlet the container instantiates and configures from init parameters, async-supported. */
    void addServlet(String name, Class<? extends Servlet> servletClass, Map<String, String> initParameters, String urlPattern);

    /** A ServletContext attribute set before filters and servlets are initialized. */
    void setContextAttribute(String name, Object value);

    /** Starts the container and returns its port. */
    int start() throws Exception;

    /** Stops the container; failures are rethrown unchecked. */
    @Override
    void close();
}
