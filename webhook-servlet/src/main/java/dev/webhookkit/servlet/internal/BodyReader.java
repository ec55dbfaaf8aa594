package dev.webhookkit.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Reads a request body into memory, but never more than the limit allows: a declared
 * {@code Content-Length} above it is refused before reading a byte, and a body of unknown length
 * (chunked) is read up to limit + 1 bytes and refused there.
 */
public final class BodyReader {
    private BodyReader() {
    }

    /** The outcome of reading a body. */
    public sealed interface Body permits Complete, TooLarge {
    }

    /** The whole body, at most the limit. */
    public record Complete(byte[] bytes) implements Body {
    }

    /**
     * A body over the limit.
     *
     * @param declaredLength the declared Content-Length, -1 when the body was counted instead
     * @param bytesRead how many bytes were read before stopping (0 when refused on Content-Length)
     */
    public record TooLarge(long declaredLength, long bytesRead) implements Body {
        /** The least the sender sent: the declared length, or the bytes read before stopping. */
        public long sentAtLeast() {
            return Math.max(declaredLength, bytesRead);
        }
    }

    public static Body read(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return new TooLarge(declared, 0);
        }
        // One byte past the limit tells "exactly at the limit" from "over it" without reading further.
        int cap = limit == Integer.MAX_VALUE ? limit : limit + 1;
        byte[] bytes = request.getInputStream().readNBytes(cap);
        if (bytes.length > limit) {
            return new TooLarge(-1, bytes.length);
        }
        return new Complete(bytes);
    }
}
