package dev.webhookkit.servlet;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookRequest;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request whose body was already read (by {@link WebhookFilter}, to verify it) and is served
 * again from memory, so the host's own servlets can read it as if nobody had.
 *
 * <p>{@link #getInputStream()} and {@link #getReader()} may each be called any number of times
 * and each call starts at the first byte. {@link #getReader()} decodes with the request's
 * character encoding, or UTF-8 when it declares none (JSON's encoding, not the Servlet default
 * ISO-8859-1). The parameter methods return the query string's parameters followed by those of an
 * {@code application/x-www-form-urlencoded} body, as a container would. Content length is the
 * cached body's.
 *
 * <p>Wraps one request on one thread, like the request itself.
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;
    private Map<String, String[]> parameters;

    /**
     * @param request the request whose body was read
     * @param body the body exactly as read; used as given, not copied
     */
    public CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(Objects.requireNonNull(request, "request"));
        this.body = Objects.requireNonNull(body, "body");
    }

    /** A copy of the raw body bytes. */
    public byte[] body() {
        return body.clone();
    }

    @Override
    public ServletInputStream getInputStream() {
        return new CachedInputStream(body);
    }

    @Override
    public BufferedReader getReader() throws IOException {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    private Charset charset() throws UnsupportedEncodingException {
        String encoding = getCharacterEncoding();
        if (encoding == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(encoding);
        }
    }

    private Map<String, String[]> parameters() {
        if (parameters == null) {
            // The core's request parses query strings and form bodies the same way the pipeline sees them.
            String query = getQueryString();
            String contentType = getContentType();
            WebhookRequest parsed = WebhookRequest.builder()
                    .body(body)
                    .url(query == null ? "" : "?" + query)
                    .headers(contentType == null ? Headers.empty() : Headers.of("Content-Type", contentType))
                    .build();
            Map<String, List<String>> merged = new LinkedHashMap<>();
            parsed.queryParameters().forEach((name, values) -> merged.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
            parsed.formParameters().forEach((name, values) -> merged.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
            Map<String, String[]> out = new LinkedHashMap<>();
            merged.forEach((name, values) -> out.put(name, values.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(out);
        }
        return parameters;
    }

    /** A fresh stream over the cached bytes; non-blocking reads complete at once. */
    private static final class CachedInputStream extends ServletInputStream {
        private final ByteArrayInputStream in;

        CachedInputStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public int available() {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            Objects.requireNonNull(listener, "listener");
            try {
                if (!isFinished()) {
                    listener.onDataAvailable();
                }
                listener.onAllDataRead();
            } catch (IOException | RuntimeException e) {
                listener.onError(e);
            }
        }
    }
}
