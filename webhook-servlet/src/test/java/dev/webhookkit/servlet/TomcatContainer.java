package dev.webhookkit.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat 10.1 (Servlet 6.0). */
final class TomcatContainer implements ServletContainer {
    private final Path baseDir;
    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector("HTTP/1.1");
    private final Context context;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    TomcatContainer() {
        try {
            baseDir = Files.createTempDirectory("webhookkit-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setBaseDir(baseDir.toString());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        context = tomcat.addContext("", null);
        // Attributes must be in place before filters initialize: an initializer runs first.
        context.addServletContainerInitializer((classes, servletContext) -> attributes.forEach(servletContext::setAttribute), null);
    }

    @Override
    public void addFilter(String name, Filter filter) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        def.setAsyncSupported("true");
        map(def);
    }

    @Override
    public void addFilter(String name, Class<? extends Filter> filterClass, Map<String, String> initParameters) {
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilterClass(filterClass.getName());
        def.setAsyncSupported("true");
        initParameters.forEach(def::addInitParameter);
        map(def);
    }

    private void map(FilterDef def) {
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(def.getFilterName());
        map.addURLPattern("/*");
        context.addFilterMap(map);
    }

    @Override
    public void addServlet(String name, Servlet servlet, String urlPattern) {
        Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded(urlPattern, name);
    }

    @Override
    public void addServlet(String name, Class<? extends Servlet> servletClass, Map<String, String> initParameters, String urlPattern) {
        Wrapper wrapper = Tomcat.addServlet(context, name, servletClass.getName());
        wrapper.setAsyncSupported(true);
        initParameters.forEach(wrapper::addInitParameter);
        context.addServletMappingDecoded(urlPattern, name);
    }

    @Override
    public void setContextAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public int start() throws Exception {
        tomcat.start();
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        } finally {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }

    @Override
    public String toString() {
        return "Tomcat " + org.apache.catalina.util.ServerInfo.getServerNumber();
    }
}
