package dev.webhookkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.micrometer.WebhookMetrics;
import dev.webhookkit.verify.Schemes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inbound pipeline (route, guard, dedup, record, hand-off; no signature) on a 1 KiB JSON alert,
 * against Jackson parsing the same body alone. Both methods build the same request with a fresh
 * delivery id, so {@code pipeline - jacksonParse} is the pipeline's own work. {@code pipelineWithMetrics}
 * runs the same pipeline with webhook-micrometer's listener on a {@link SimpleMeterRegistry} (no
 * Observations), so {@code pipelineWithMetrics - pipeline} in one run is what metrics add per event.
 * {@code pipelineSigned} and {@code pipelineSignedWithMetrics} are the same pair on a {@code github}
 * endpoint that verifies each request, where metrics also time the signature check.
 *
 * <p>Run: {@code java -jar webhook-benchmarks/target/benchmarks.jar 'PipelineBenchmark.pipeline'}
 * (the four pipeline methods); add {@code -prof gc} for the bytes allocated per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PipelineBenchmark {
    private final ObjectMapper mapper = new ObjectMapper();
    private byte[] body;
    private WebhookReceiver receiver;
    private WebhookReceiver receiverWithMetrics;
    private WebhookReceiver signedReceiver;
    private WebhookReceiver signedReceiverWithMetrics;
    private String signature;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() {
        body = Payloads.resource("alert-1k.json");
        // The endpoint trusts webhook-id as its delivery id, so each request is a new delivery (the
        // unsigned default would key on the body hash and answer every copy after the first DUPLICATE).
        receiver = WebhookReceiver.builder().endpoint(endpoint()).build();
        receiverWithMetrics = WebhookReceiver.builder().endpoint(endpoint())
                .listener(WebhookMetrics.bind(new SimpleMeterRegistry()).receiveListener()).build();
        signature = "sha256=" + VerifyBenchmark.hex(hmacSha256(VerifyBenchmark.SECRET, body));
        signedReceiver = WebhookReceiver.builder().endpoint(signedEndpoint()).build();
        signedReceiverWithMetrics = WebhookReceiver.builder().endpoint(signedEndpoint())
                .listener(WebhookMetrics.bind(new SimpleMeterRegistry()).receiveListener()).build();
    }

    /** GitHub signs the body alone, so one signature serves every request; a fresh delivery id makes each one new. */
    private static Endpoint signedEndpoint() {
        return Endpoint.builder("signed").verifier(Schemes.github()).secret(VerifyBenchmark.SECRET)
                .deliveryIdHeaders(java.util.List.of("X-GitHub-Delivery")).build();
    }

    private static byte[] hmacSha256(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Endpoint endpoint() {
        return Endpoint.builder("bench").allowUnsigned().deliveryIdHeaders(java.util.List.of("webhook-id")).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        receiver.close();
        receiverWithMetrics.close();
        signedReceiver.close();
        signedReceiverWithMetrics.close();
    }

    private WebhookRequest nextRequest() {
        return WebhookRequest.post(body, Headers.of("Content-Type", "application/json", "webhook-id", "msg_" + counter++));
    }

    /** Baseline: build the request and parse its body with Jackson. */
    @Benchmark
    public JsonNode jacksonParse() throws IOException {
        return mapper.readTree(nextRequest().body());
    }

    /** The whole pipeline on the same request: route, guard, parse, handshakes, dedup, map, filter, handle, record. */
    @Benchmark
    public ReceiveResult pipeline() {
        return processed(receiver.receive("bench", nextRequest()));
    }

    /** {@link #pipeline} with webhook-micrometer's meters on (receive and verify timers, dedup counter, MDC). */
    @Benchmark
    public ReceiveResult pipelineWithMetrics() {
        return processed(receiverWithMetrics.receive("bench", nextRequest()));
    }

    private WebhookRequest nextSignedRequest() {
        return WebhookRequest.post(body, Headers.of("Content-Type", "application/json", "X-GitHub-Event", "push",
                "X-GitHub-Delivery", "d-" + counter++, "X-Hub-Signature-256", signature));
    }

    /** {@link #pipeline} on an endpoint that verifies a GitHub signature (HMAC-SHA256 of the 1 KiB body). */
    @Benchmark
    public ReceiveResult pipelineSigned() {
        return processed(signedReceiver.receive("signed", nextSignedRequest()));
    }

    /** {@link #pipelineSigned} with the meters on: the verify timer too. */
    @Benchmark
    public ReceiveResult pipelineSignedWithMetrics() {
        return processed(signedReceiverWithMetrics.receive("signed", nextSignedRequest()));
    }

    private static ReceiveResult processed(ReceiveResult r) {
        if (r.reason() != dev.webhookkit.core.Reason.PROCESSED) {
            throw new IllegalStateException("pipeline refused a benchmark event: " + r.reason());
        }
        return r;
    }
}
