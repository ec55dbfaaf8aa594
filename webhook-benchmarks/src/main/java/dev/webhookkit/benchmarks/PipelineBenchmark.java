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
 * (the four pipeline methods); add {@code -prof gc} for the bytes allocated per event. On a machine
 * shared with other heavy work, {@link #main(String[])} interleaves the methods in short batches and
 * keeps each one's best batch, which gives the differences a direction: {@code java -cp
 * webhook-benchmarks/target/benchmarks.jar dev.webhookkit.benchmarks.PipelineBenchmark 60}.
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

    /** Interleaved best-of-batches timing of the five methods, robust to a noisy machine; the argument is seconds. */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        PipelineBenchmark b = new PipelineBenchmark();
        b.setUp();
        String[] names = {"jacksonParse", "pipeline", "pipelineWithMetrics", "pipelineSigned", "pipelineSignedWithMetrics"};
        java.util.concurrent.Callable<?>[] methods = {b::jacksonParse, b::pipeline, b::pipelineWithMetrics, b::pipelineSigned,
            b::pipelineSignedWithMetrics};
        int batch = 200; // about a millisecond: short enough for some batches to run unpreempted on a loaded machine
        double[] best = new double[methods.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        Object sink = null;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int round = 0; System.nanoTime() < end; round++) {
            for (int m = 0; m < methods.length; m++) {
                long start = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    sink = methods[m].call();
                }
                double nanos = (System.nanoTime() - start) / (double) batch;
                if (round >= 200) { // after warm-up
                    best[m] = Math.min(best[m], nanos);
                }
            }
        }
        b.tearDown();
        for (int m = 0; m < methods.length; m++) {
            System.out.printf("  %-26s %8.0f ns/op%n", names[m], best[m]);
        }
        System.out.printf("  metrics add %.0f ns per event (unsigned), %.0f ns (signed)%n", best[2] - best[1], best[4] - best[3]);
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
    }
}
