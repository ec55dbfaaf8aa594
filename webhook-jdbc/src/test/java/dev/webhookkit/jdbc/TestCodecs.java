package dev.webhookkit.jdbc;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.outbound.Subscription;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small line-based codecs for the registry tests (the real JSON codecs are webhook-admin's, tested
 * there). Each writes a real text form and reads it back; the endpoint codec also hands back the
 * very instance it encoded for the same text, because {@link Endpoint} has no value equality and
 * the registry kit compares entries as instances. Texts it never saw (another instance's) are parsed.
 */
final class TestCodecs {
    private TestCodecs() {
    }

    /** name, path (or empty), maxBodyBytes; every endpoint unsigned. */
    static final class Endpoints implements RegistryCodec<Endpoint> {
        private final Map<String, Endpoint> encoded = new ConcurrentHashMap<>();

        @Override
        public String key(Endpoint entry) {
            return entry.name();
        }

        @Override
        public String encode(Endpoint entry) {
            String text = entry.name() + "\n" + entry.path().orElse("") + "\n" + entry.maxBodyBytes();
            encoded.putIfAbsent(text, entry);
            return text;
        }

        @Override
        public Endpoint decode(String stored) {
            Endpoint same = encoded.get(stored);
            if (same != null) {
                return same;
            }
            String[] f = fields(stored, 3);
            Endpoint.Builder b = Endpoint.builder(f[0]).allowUnsigned().maxBodyBytes(number(f[2]));
            if (!f[1].isEmpty()) {
                b.path(f[1]);
            }
            return b.build();
        }
    }

    /** id, url, secret, enabled, event types (comma-separated). */
    static final class Subscriptions implements RegistryCodec<Subscription> {
        @Override
        public String key(Subscription entry) {
            return entry.id();
        }

        @Override
        public String encode(Subscription entry) {
            return String.join("\n", entry.id(), entry.url().toString(), entry.secrets().all().get(0).value(),
                    Boolean.toString(entry.enabled()), String.join(",", entry.eventTypes()));
        }

        @Override
        public Subscription decode(String stored) {
            String[] f = fields(stored, 5);
            return Subscription.builder(f[0], f[1]).secret(f[2]).enabled(Boolean.parseBoolean(f[3]))
                    .eventTypes(List.of(f[4].split(","))).build();
        }
    }

    private static String[] fields(String stored, int count) {
        String[] f = stored.split("\n", -1);
        if (f.length != count) {
            // Quotes the text on purpose: the registry must not pass a codec's message on (it may hold secrets).
            throw new ConfigurationException("not a stored entry: " + Arrays.toString(f));
        }
        return f;
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("not a number: " + text);
        }
    }
}
