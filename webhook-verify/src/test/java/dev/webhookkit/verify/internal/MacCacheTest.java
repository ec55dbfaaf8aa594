package dev.webhookkit.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The precomputed-state HMAC must equal the JDK's {@code Mac} for every key and message shape. */
class MacCacheTest {

    @ParameterizedTest
    @ValueSource(strings = {"HmacSHA256", "HmacSHA1"})
    void equalsTheJdkMacForKeysAndMessagesOfEveryLength(String algorithm) throws Exception {
        Random random = new Random(20261122);
        for (int round = 0; round < 300; round++) {
            byte[] key = new byte[1 + random.nextInt(150)]; // shorter and longer than the 64-byte block
            byte[] prefix = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(100)];
            byte[] body = new byte[random.nextInt(3000)];
            random.nextBytes(key);
            random.nextBytes(prefix);
            random.nextBytes(body);
            MacCache cache = new MacCache(algorithm, s -> key);
            Mac jdk = Mac.getInstance(algorithm);
            jdk.init(new SecretKeySpec(key, algorithm));
            jdk.update(prefix);
            jdk.update(body);
            byte[] expected = jdk.doFinal();
            Secret secret = Secret.of("k", "value-" + round);
            assertThat(cache.compute(secret, prefix, body)).as("round " + round).isEqualTo(expected);
            assertThat(cache.compute(secret, prefix, body)).as("again, from the cached state").isEqualTo(expected);
        }
    }

    @Test
    void rfc4231TestCase2() {
        MacCache cache = MacCache.utf8("HmacSHA256");
        byte[] mac = cache.compute(Secret.of("Jefe"), new byte[0], "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertThat(Codec.encodeHex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        MacCache cache = MacCache.utf8("HmacSHA256");
        byte[] body = "shared".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = cache.compute(Secret.of("s"), new byte[0], body);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(8, () -> {
                for (int i = 0; i < 2000; i++) {
                    if (!java.util.Arrays.equals(cache.compute(Secret.of("s"), new byte[0], body), expected)) {
                        return false;
                    }
                }
                return true;
            }), 30, TimeUnit.SECONDS);
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void skipsSecretsItCannotUseAndReportsTheOneThatMatched() {
        MacCache cache = new MacCache("HmacSHA256", s -> {
            if (s.value().startsWith("bad")) {
                throw new ConfigurationException("secret '" + s.id() + "' is unusable");
            }
            return s.bytes();
        });
        byte[] body = "b".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = cache.compute(Secret.of("good"), new byte[0], body);
        List<Secret> ring = List.of(Secret.of("k1", "bad one"), Secret.of("k2", "other"), Secret.of("k3", "good"));
        assertThat(cache.firstMatch(ring, new byte[0], body, List.of(new byte[32], signature))).isEqualTo(VerificationResult.valid("k3"));
        assertThatThrownBy(() -> cache.compute(Secret.of("k1", "bad one"), new byte[0], body)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("secret 'k1'").hasMessageNotContaining("bad one");
    }
}
