package dev.webhookkit.benchmarks;

import com.stripe.net.Webhook.Signature;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.Schemes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of verifying one signed webhook: the floor ({@code rawMac}: a reused, initialized
 * {@link Mac}, hex-decoding the header and {@link MessageDigest#isEqual}), webhookkit's schemes
 * through the public API with the headers as senders send them, and the peers' Java libraries.
 *
 * <p>Run: {@code java -jar webhook-benchmarks/target/benchmarks.jar VerifyBenchmark}. Targets:
 * {@code hmacSha256} and {@code github} within 0.9x of {@code rawMac}'s throughput,
 * {@code standardWebhooks} within 0.85x, at both sizes.
 *
 * <p>On a machine shared with other heavy work JMH's averages swing by several times; {@link
 * #main(String[])} then gives steadier ratios by interleaving the methods in short batches and
 * keeping each one's best batch: {@code java -cp webhook-benchmarks/target/benchmarks.jar
 * dev.webhookkit.benchmarks.VerifyBenchmark 25} (seconds per size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class VerifyBenchmark {
    static final String SECRET = "It's a Secret to Everybody";
    static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String STRIPE_SECRET = "whsec_test_5f9b2c1d7e3a4b6c8d0e2f4a6b8c0d2e";
    static final String MESSAGE_ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";

    @Param({"1024", "65536"})
    public int size;

    private byte[] body;
    private String payload;

    private Mac rawMac;
    private String rawHeader;

    private final SignatureScheme hmacSha256 = Schemes.hmacSha256();
    private final SignatureScheme github = Schemes.github();
    private final SignatureScheme standardWebhooks = Schemes.standardWebhooks();
    private final SecretSet secrets = SecretSet.ofValues(SECRET);
    private final SecretSet whsecSecrets = SecretSet.ofValues(WHSEC);
    private WebhookRequest hmacRequest;
    private WebhookRequest githubRequest;
    private WebhookRequest standardWebhooksRequest;

    private com.svix.Webhook svixWebhook;
    private Map<String, List<String>> svixHeaders;
    private com.standardwebhooks.Webhook referenceWebhook;
    private Map<String, List<String>> referenceHeaders;
    private String stripeHeader;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        body = jsonBody(size);
        payload = new String(body, StandardCharsets.UTF_8);
        rawMac = Mac.getInstance("HmacSHA256");
        rawMac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        rawHeader = hex(rawMac.doFinal(body));

        SigningInput input = SigningInput.of(MESSAGE_ID, Instant.now(), body, "");
        hmacRequest = WebhookRequest.post(body, Headers.of("Content-Type", "application/json", "User-Agent", "GNETiX-Webhook/1.0",
                "X-Webhook-Signature", "sha256=" + rawHeader));
        githubRequest = WebhookRequest.post(body, Headers.of("Content-Type", "application/json", "User-Agent", "GitHub-Hookshot/abc123",
                "X-GitHub-Event", "push", "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                "X-Hub-Signature-256", "sha256=" + rawHeader));
        Headers swHeaders = standardWebhooks.sign(input, whsecSecrets).toBuilder().add("Content-Type", "application/json").build();
        standardWebhooksRequest = WebhookRequest.builder().body(body).headers(swHeaders).receivedAt(input.timestamp()).build();

        svixWebhook = new com.svix.Webhook(WHSEC);
        referenceWebhook = new com.standardwebhooks.Webhook(WHSEC);
        signPeers();
        check();
    }

    /** The peers check timestamps against the wall clock: re-sign each iteration (not measured). */
    @Setup(Level.Iteration)
    public void signPeers() throws Exception {
        long now = Instant.now().getEpochSecond();
        svixHeaders = Map.of("svix-id", List.of(MESSAGE_ID), "svix-timestamp", List.of(Long.toString(now)),
                "svix-signature", List.of(svixWebhook.sign(MESSAGE_ID, now, payload)));
        referenceHeaders = Map.of("webhook-id", List.of(MESSAGE_ID), "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(referenceWebhook.sign(MESSAGE_ID, now, payload)));
        stripeHeader = "t=" + now + ",v1=" + com.stripe.net.Webhook.Util.computeHmacSha256(STRIPE_SECRET, now + "." + payload);
    }

    /** Every method must measure a successful verification, never a fast rejection. */
    private void check() throws Exception {
        if (!rawMac() || !hmacSha256().isValid() || !github().isValid() || !standardWebhooks().isValid() || !stripe()) {
            throw new IllegalStateException("a benchmark does not verify successfully");
        }
        svix();
        standardWebhooksReference();
    }

    @Benchmark
    public boolean rawMac() {
        byte[] expected = unhex(rawHeader);
        return MessageDigest.isEqual(rawMac.doFinal(body), expected);
    }

    @Benchmark
    public VerificationResult hmacSha256() {
        return hmacSha256.verify(hmacRequest, secrets);
    }

    @Benchmark
    public VerificationResult github() {
        return github.verify(githubRequest, secrets);
    }

    @Benchmark
    public VerificationResult standardWebhooks() {
        return standardWebhooks.verify(standardWebhooksRequest, whsecSecrets);
    }

    @Benchmark
    public Map<String, List<String>> svix() throws Exception {
        svixWebhook.verify(payload, svixHeaders);
        return svixHeaders;
    }

    @Benchmark
    public Map<String, List<String>> standardWebhooksReference() throws Exception {
        referenceWebhook.verify(payload, referenceHeaders);
        return referenceHeaders;
    }

    @Benchmark
    public boolean stripe() throws Exception {
        return Signature.verifyHeader(payload, stripeHeader, STRIPE_SECRET, 300);
    }

    /** Interleaved best-of-batches timing of every method, robust to a noisy machine; the argument is seconds per size. */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 20;
        String[] names = {"rawMac", "hmacSha256", "github", "standardWebhooks", "standardWebhooksReference", "svix", "stripe"};
        for (int size : new int[] {1024, 65536}) {
            VerifyBenchmark b = new VerifyBenchmark();
            b.size = size;
            b.setUp();
            java.util.concurrent.Callable<?>[] methods = {b::rawMac, b::hmacSha256, b::github, b::standardWebhooks,
                b::standardWebhooksReference, b::svix, b::stripe};
            // about a quarter of a millisecond per batch at 1 KiB: short enough for some batches to run
            // unpreempted on a loaded machine, and enough rounds within the time for the warm-up to end
            int batch = Math.max(20, 200_000 / size);
            double[] best = new double[methods.length];
            java.util.Arrays.fill(best, Double.MAX_VALUE);
            Object sink = null;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            for (int round = 0; System.nanoTime() < end; round++) {
                if (round % 50 == 49) {
                    b.signPeers();
                }
                for (int m = 0; m < methods.length; m++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < batch; i++) {
                        sink = methods[m].call();
                    }
                    double micros = (System.nanoTime() - start) / 1000.0 / batch;
                    if (round >= 10) { // after warm-up
                        best[m] = Math.min(best[m], micros);
                    }
                }
            }
            System.out.printf("size %d%n", size);
            for (int m = 0; m < methods.length; m++) {
                System.out.printf("  %-26s %10.3f us/op   %.2fx rawMac throughput%n", names[m], best[m], best[0] / best[m]);
            }
            if (sink == null) {
                throw new IllegalStateException("no result");
            }
        }
    }

    /** ASCII JSON of about {@code size} bytes, so every library sees the same bytes as a String. */
    static byte[] jsonBody(int size) {
        Random random = new Random(size);
        StringBuilder sb = new StringBuilder("{\"type\":\"invoice.paid\",\"data\":{\"lines\":[");
        while (sb.length() < size - 40) {
            sb.append("{\"id\":").append(random.nextInt(1_000_000)).append(",\"sku\":\"SKU-").append(random.nextInt(99_999))
                    .append("\"},");
        }
        sb.setLength(sb.length() - 1);
        sb.append("]}}");
        while (sb.length() < size) {
            sb.append(' ');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    static byte[] unhex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(s.charAt(2 * i), 16) << 4 | Character.digit(s.charAt(2 * i + 1), 16));
        }
        return out;
    }
}
