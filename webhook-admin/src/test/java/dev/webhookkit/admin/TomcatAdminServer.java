package dev.webhookkit.admin;

import dev.webhookkit.core.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 10.1 (Servlet 6.0). */
final class TomcatAdminServer implements AdminServer {
    private final Tomcat tomcat = new Tomcat();
    private Path baseDir;

    @Override
    public URI start(AdminApi api, WebhookReceiver receiver) throws Exception {
        baseDir = Files.createTempDirectory("webhookkit-admin-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "admin", new AdminServlet(api));
        context.addServletMappingDecoded("/admin/*", "admin");
        Tomcat.addServlet(context, "webhooks", new ReceiverServlet(receiver));
        context.addServletMappingDecoded("/webhooks/*", "webhooks");
        context.addServletMappingDecoded("/hooks/*", "webhooks");
        tomcat.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            throw new IllegalStateException("Tomcat did not stop", e);
        } finally {
            if (baseDir != null) {
                try (Stream<Path> files = Files.walk(baseDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Tomcat " + org.apache.catalina.util.ServerInfo.getServerNumber();
    }
}
