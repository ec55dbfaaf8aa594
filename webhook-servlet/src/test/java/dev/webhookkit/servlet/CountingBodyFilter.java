package dev.webhookkit.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the body bytes anything behind it reads, per request carrying {@value #TEST_ID}: the
 * proof that the webhook filter stopped reading at its limit.
 */
final class CountingBodyFilter implements Filter {
    static final String TEST_ID = "X-Test-Id";

    private final Map<String, AtomicLong> bytesRead = new ConcurrentHashMap<>();

    long bytesRead(String testId) {
        AtomicLong n = bytesRead.get(testId);
        return n == null ? 0 : n.get();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        String testId = request instanceof HttpServletRequest http ? http.getHeader(TEST_ID) : null;
        if (testId == null) {
            chain.doFilter(request, response);
            return;
        }
        AtomicLong counter = bytesRead.computeIfAbsent(testId, k -> new AtomicLong());
        chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
            @Override
            public ServletInputStream getInputStream() throws IOException {
                return new CountingStream(super.getInputStream(), counter);
            }
        }, response);
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final AtomicLong counter;

        CountingStream(ServletInputStream in, AtomicLong counter) {
            this.in = in;
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
