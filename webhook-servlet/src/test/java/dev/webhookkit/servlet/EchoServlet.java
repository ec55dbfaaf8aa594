package dev.webhookkit.servlet;

import dev.webhookkit.core.ReceiveResult;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** The host application's own servlet: tells what it saw, one {@code key=value} per line. */
final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("host=").append(request.getMethod()).append(' ').append(request.getRequestURI()).append('\n');
        out.append("body=").append(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).append('\n');
        if (request instanceof CachedBodyRequest) {
            out.append("cached=true\n");
            out.append("bodyAgain=").append(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            StringWriter text = new StringWriter();
            try (Reader reader = request.getReader()) {
                reader.transferTo(text);
            }
            out.append("reader=").append(text).append('\n');
        }
        out.append("reason=").append(WebhookFilter.result(request).map(ReceiveResult::reason).map(Enum::name).orElse("none")).append('\n');
        String[] x = request.getParameterValues("x");
        out.append("x=").append(x == null ? "" : String.join(",", x)).append('\n');
        response.setStatus(200);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
