package dev.webhookkit.redis;

import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * A receiver in its own JVM for {@link RedisDedupFailuresTest}: it receives one delivery whose
 * handler announces itself and then hangs, until the test SIGKILLs the process.
 * Arguments: key prefix, processing lease in milliseconds, body.
 */
public final class DedupReceiverProcess {
    static final String IN_HANDLER = "IN_HANDLER";

    private DedupReceiverProcess() {
    }

    public static void main(String[] args) throws Exception {
        RedisClient redis = RedisTestServer.client();
        WebhookReceiver receiver = RedisDedupFailuresTest.receiver(redis, args[0], Duration.ofMillis(Long.parseLong(args[1])),
                event -> {
                    System.out.println(IN_HANDLER);
                    System.out.flush();
                    Thread.sleep(60_000);
                    return HandlerResponse.empty();
                });
        receiver.receive("orders", WebhookRequest.post(args[2].getBytes(StandardCharsets.UTF_8), dev.webhookkit.core.Headers.of()));
        System.exit(3); // never reached when the test kills us in the handler
    }

}
