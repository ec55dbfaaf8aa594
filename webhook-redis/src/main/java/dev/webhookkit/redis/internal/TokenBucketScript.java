package dev.webhookkit.redis.internal;

import dev.webhookkit.core.RateLimitDecision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The token-bucket Lua script ({@code token-bucket.lua}), run by its SHA-1 and sent whole only when
 * the server does not know it yet (after a restart or a SCRIPT FLUSH). Stateless and thread-safe.
 */
public final class TokenBucketScript {
    /** Passed instead of a time: the script reads the Redis server's clock. */
    public static final long SERVER_TIME = Long.MIN_VALUE;

    private static final String SOURCE = load();
    private static final String SHA1 = sha1(SOURCE);

    private TokenBucketScript() {
    }

    /**
     * Takes a permit from the bucket at {@code key}.
     *
     * @param nowMicros microseconds since the epoch, or {@link #SERVER_TIME}
     */
    public static RateLimitDecision take(UnifiedJedis redis, String key, int permits, long periodMicros, long nowMicros) {
        List<String> keys = List.of(key);
        List<String> args = List.of(Integer.toString(permits), Long.toString(periodMicros),
                nowMicros == SERVER_TIME ? "" : Long.toString(nowMicros));
        Object reply;
        try {
            reply = redis.evalsha(SHA1, keys, args);
        } catch (JedisNoScriptException e) {
            reply = redis.eval(SOURCE, keys, args);
        }
        if (!(reply instanceof List<?> list) || list.size() != 2
                || !(list.get(0) instanceof Long allowed) || !(list.get(1) instanceof Long waitMicros)) {
            throw new IllegalStateException("unexpected reply from the token-bucket script: " + reply);
        }
        return allowed == 1L ? RateLimitDecision.allow() : RateLimitDecision.deny(Duration.ofNanos(Math.multiplyExact(waitMicros, 1000L)));
    }

    private static String load() {
        try (InputStream in = TokenBucketScript.class.getResourceAsStream("/dev/webhookkit/redis/token-bucket.lua")) {
            if (in == null) {
                throw new IllegalStateException("token-bucket.lua is missing from the webhook-redis jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
