package dev.webhookkit.admin;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.PathResult;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/** The receiver over HTTP for the tests (webhook-servlet's filter is not a dependency here): POST /webhooks/{endpoint}, and /hooks/* by path. */
final class ReceiverServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient WebhookReceiver receiver;

    ReceiverServlet(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Headers.Builder h = Headers.builder();
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                h.add(name, value);
            }
        }
        if ("/hooks".equals(req.getServletPath())) {
            // Path routing: the endpoints of that path its ?integrationId= selects.
            String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
            String url = req.getRequestURL() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
            PathResult routed = receiver.receivePath(path, WebhookRequest.builder().method(req.getMethod()).url(url)
                    .body(req.getInputStream().readAllBytes()).headers(h.build()).remoteAddress(req.getRemoteAddr()).build());
            resp.setStatus(routed.status());
            resp.setHeader("X-Reason", routed.reason().name());
            resp.setHeader("X-Event-Id", routed.primary().eventId());
            return;
        }
        String name = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        ReceiveResult result = receiver.receive(name, WebhookRequest.builder().method(req.getMethod())
                .body(req.getInputStream().readAllBytes()).headers(h.build()).remoteAddress(req.getRemoteAddr()).build());
        resp.setStatus(result.status());
        resp.setHeader("X-Reason", result.reason().name());
        resp.setHeader("X-Event-Id", result.eventId());
    }
}
