package dev.webhookkit.spring.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.IpAllowlist;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.mapping.Mappers;
import dev.webhookkit.spring.WebhookkitProperties.EndpointProperties;
import dev.webhookkit.spring.WebhookkitProperties.Mode;
import dev.webhookkit.verify.Schemes;
import java.util.List;

/** Builds an {@link Endpoint} from {@code webhookkit.receiver.endpoints.<name>}; errors name the property, never a secret. */
public final class EndpointFactory {
    private EndpointFactory() {
    }

    public static Endpoint endpoint(String name, EndpointProperties p, EventHandler handler) {
        String where = "webhookkit.receiver.endpoints." + name;
        if (p.getScheme() == null || p.getScheme().isBlank()) {
            throw new ConfigurationException(where + ".scheme must be set (one of " + Schemes.ids() + ")");
        }
        if (!Schemes.ids().contains(p.getScheme())) {
            throw new ConfigurationException(where + ".scheme must be one of " + Schemes.ids() + " but was '" + p.getScheme() + "'");
        }
        List<String> secrets = p.getSecrets().stream().filter(s -> s != null && !s.isBlank()).toList();
        if (secrets.isEmpty()) {
            throw new ConfigurationException(where + ".secrets must hold at least one non-blank secret");
        }
        Endpoint.Builder b = Endpoint.builder(name)
                .verifier(Schemes.byId(p.getScheme()))
                .secrets(SecretSet.ofValues(secrets.toArray(String[]::new)))
                .ipAllowlist(p.getIpAllowlist().isEmpty() ? IpAllowlist.allowAll() : IpAllowlist.of(p.getIpAllowlist()))
                .mode(p.getMode() == Mode.ASYNC ? HandlerMode.ASYNC : HandlerMode.SYNC)
                .handler(handler);
        if (p.getProvider() != null && !p.getProvider().isBlank()) {
            if (Mappers.find(p.getProvider()).isEmpty()) {
                throw new ConfigurationException(where + ".provider must be one of " + Mappers.ids() + " but was '" + p.getProvider() + "'");
            }
            b.mapper(Mappers.byId(p.getProvider()));
        }
        return b.build();
    }
}
