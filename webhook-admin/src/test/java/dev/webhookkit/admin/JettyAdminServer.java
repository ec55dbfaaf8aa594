package dev.webhookkit.admin;

import dev.webhookkit.core.WebhookReceiver;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10, Servlet 6.0). */
final class JettyAdminServer implements AdminServer {
    private final Server server = new Server();

    @Override
    public URI start(AdminApi api, WebhookReceiver receiver) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder("admin", new AdminServlet(api)), "/admin/*");
        ServletHolder webhooks = new ServletHolder("webhooks", new ReceiverServlet(receiver));
        context.addServlet(webhooks, "/webhooks/*");
        context.addServlet(webhooks, "/hooks/*");
        server.setHandler(context);
        server.setStopTimeout(2_000);
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
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
