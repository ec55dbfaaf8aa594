package dev.webhookkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.internal.TemplateContexts;
import dev.webhookkit.core.spi.MessageTemplate;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.mapping.Mappers;
import dev.webhookkit.mapping.MustacheTemplateRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
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
 * What normalizing costs on top of reading the JSON: an Alertmanager delivery of about 1 KiB
 * (one alert) parsed with Jackson alone ({@link #parse}), then parsed, mapped by the
 * {@code prometheus} mapper and rendered through the receiver's template context with a compiled
 * Mustache template ({@link #parseMapRender}). The target is {@code parseMapRender} at most 1.5
 * times {@code parse}. For the breakdown, {@link #parseMap} stops after the mapper,
 * {@link #templateContext} is core's context building alone (payload and alerts turned into maps)
 * and {@link #render} the Mustache rendering alone.
 *
 * <p>Run: {@code java -jar webhook-benchmarks/target/benchmarks.jar MappingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MappingBenchmark {
    static final String TEMPLATE = "{{#alerts}}[{{severity}}] {{title}} on {{labels.pod}} ({{dedupKey}}){{/alerts}} via {{receiver}}";

    private final ObjectMapper json = new ObjectMapper();
    private byte[] body;
    private WebhookRequest request;
    private Endpoint endpoint;
    private PayloadMapper mapper;
    private MessageTemplate template;
    private WebhookEvent event;
    private Map<String, Object> context;

    @Setup
    public void setUp() {
        body = resource("/alertmanager-1k.json");
        request = WebhookRequest.builder().body(body).headers(Headers.of("Content-Type", "application/json")).build();
        endpoint = Endpoint.builder("bench").allowUnsigned().build();
        mapper = Mappers.byId("prometheus");
        template = MustacheTemplateRenderer.create().compile(TEMPLATE);
        try {
            JsonNode payload = json.readTree(body);
            event = new WebhookEvent("evt", endpoint, request, payload, "", mapper.map(payload, request), "", Map.of(), "", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context = TemplateContexts.of(event);
        String rendered = parseMapRender();
        if (!rendered.startsWith("[critical] Pod checkout/checkout-api-7d9f8b6c5-x2lqp is crash looping")) {
            throw new IllegalStateException("benchmark renders the wrong text: " + rendered);
        }
    }

    @Benchmark
    public JsonNode parse() throws IOException {
        return json.readTree(body);
    }

    @Benchmark
    public List<Alert> parseMap() throws IOException {
        return mapper.map(json.readTree(body), request);
    }

    @Benchmark
    public String parseMapRender() {
        try {
            JsonNode payload = json.readTree(body);
            List<Alert> alerts = mapper.map(payload, request);
            WebhookEvent event = new WebhookEvent("evt", endpoint, request, payload, "", alerts, "", Map.of(), "", "");
            return template.render(TemplateContexts.of(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public Map<String, Object> templateContext() {
        return TemplateContexts.of(event);
    }

    @Benchmark
    public String render() {
        return template.render(context);
    }

    private static byte[] resource(String name) {
        try (InputStream in = MappingBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the benchmark jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
