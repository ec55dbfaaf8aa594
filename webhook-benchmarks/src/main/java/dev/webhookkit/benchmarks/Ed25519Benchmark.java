package dev.webhookkit.benchmarks;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SigningKeys;
import dev.webhookkit.verify.internal.Ed25519Engine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of verifying one Ed25519 signature over a 1 KiB Discord interaction: the JDK 17 provider
 * ({@code jdk}, the fallback and the baseline), BouncyCastle's ({@code bouncyCastle}), and the
 * {@code discord} scheme through the public API ({@code discordScheme}, which takes BouncyCastle's
 * when it is on the class path, as it is here).
 *
 * <p>Run: {@code java -jar webhook-benchmarks/target/benchmarks.jar Ed25519Benchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Ed25519Benchmark {
    private byte[] publicKey;
    private byte[] signature;
    private byte[] timestamp;
    private byte[] body;
    private Ed25519Engine.Verifier jdk;
    private Ed25519Engine.Verifier bouncyCastle;
    private SignatureScheme discord;
    private SecretSet verifying;
    private WebhookRequest request;

    @Setup
    public void setUp() {
        SigningKeys.Ed25519KeyPair pair = SigningKeys.newEd25519KeyPair();
        publicKey = HexFormat.of().parseHex(pair.publicKeyHex());
        body = new byte[1024];
        new Random(1).nextBytes(body);
        Instant now = Instant.now();
        timestamp = Long.toString(now.getEpochSecond()).getBytes(StandardCharsets.US_ASCII);
        discord = Schemes.discord();
        Headers signed = discord.sign(SigningInput.of("evt_1", now, body, "https://example.com/interactions"), SecretSet.of(List.of(Secret.of("k", pair.privateKeyHex()))));
        signature = HexFormat.of().parseHex(signed.first("X-Signature-Ed25519").orElseThrow());
        jdk = Ed25519Engine.jdk().verifier(publicKey);
        bouncyCastle = Ed25519Engine.bouncyCastle().verifier(publicKey);
        verifying = SecretSet.of(List.of(Secret.of("k", pair.publicKeyHex())));
        request = WebhookRequest.builder().body(body).receivedAt(now)
                .headers(Headers.of(Map.of("X-Signature-Ed25519", List.of(HexFormat.of().formatHex(signature)),
                        "X-Signature-Timestamp", List.of(new String(timestamp, StandardCharsets.US_ASCII)))))
                .build();
        if (!jdk.verify(signature, timestamp, body) || !bouncyCastle.verify(signature, timestamp, body) || !discordScheme()) {
            throw new IllegalStateException("the benchmark's signature does not verify");
        }
    }

    @Benchmark
    public boolean jdk() {
        return jdk.verify(signature, timestamp, body);
    }

    @Benchmark
    public boolean bouncyCastle() {
        return bouncyCastle.verify(signature, timestamp, body);
    }

    @Benchmark
    public boolean discordScheme() {
        VerificationResult result = discord.verify(request, verifying);
        return result.isValid();
    }
}
