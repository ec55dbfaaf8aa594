package dev.webhookkit.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample deliveries {@code webhook trigger} sends, from the jar's {@code trigger/catalog.json}
 * (per provider: its signature scheme, its headers, its events in order, firing first) and the
 * bodies in {@code trigger/<provider>/<event>.json}.
 */
final class TriggerSamples {
    private static final String ROOT = "/trigger/";
    private static final Map<String, Provider> PROVIDERS = load();

    private TriggerSamples() {
    }

    /** One provider: the scheme it signs with (empty when it cannot), its headers and its events, default first. */
    record Provider(String id, Optional<String> scheme, Map<String, String> headers, List<Event> events) {
        Optional<Event> event(String name) {
            return events.stream().filter(e -> e.name().equals(name)).findFirst();
        }
    }

    /** One sample: the event's own headers (values may hold {@code {delivery}}) and its body. */
    record Event(String provider, String name, Map<String, String> headers) {
        byte[] body() {
            String path = ROOT + provider + "/" + name + ".json";
            try (InputStream in = TriggerSamples.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("sample " + path + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sample " + path, e);
            }
        }
    }

    static Map<String, Provider> providers() {
        return PROVIDERS;
    }

    static Optional<Provider> provider(String id) {
        return Optional.ofNullable(PROVIDERS.get(id));
    }

    private static Map<String, Provider> load() {
        JsonNode catalog;
        try (InputStream in = TriggerSamples.class.getResourceAsStream(ROOT + "catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("trigger/catalog.json is missing from the jar");
            }
            catalog = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trigger/catalog.json", e);
        }
        Map<String, Provider> providers = new LinkedHashMap<>();
        catalog.properties().forEach(entry -> {
            if (entry.getKey().startsWith("_")) {
                return;
            }
            JsonNode p = entry.getValue();
            List<Event> events = new ArrayList<>();
            p.path("events").properties().forEach(e -> events.add(new Event(entry.getKey(), e.getKey(), strings(e.getValue()))));
            JsonNode scheme = p.path("scheme");
            providers.put(entry.getKey(), new Provider(entry.getKey(),
                    scheme.isTextual() ? Optional.of(scheme.asText()) : Optional.empty(),
                    strings(p.path("headers")), List.copyOf(events)));
        });
        return Collections.unmodifiableMap(providers);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> m = new LinkedHashMap<>();
        object.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(m);
    }
}
