package dev.webhookkit.admin.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, so a huge one costs at most limit + 1 bytes of memory. */
public final class BoundedBody {
    private BoundedBody() {
    }

    /** The body, or null when it is longer than {@code max}. */
    public static byte[] read(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** True when a Content-Length header announces more than {@code max} bytes. */
    public static boolean announcedTooLarge(String contentLength, int max) {
        if (contentLength == null || contentLength.isBlank()) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // the container refuses a malformed length itself
        }
    }
}
