package dev.webhookkit.admin;

import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.admin.spi.AdminDecision;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.core.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Authorization: Bearer <token>}, each token issued either for one tenant or for all of
 * them. A tenant's token may do everything on the entries of its tenant and nothing on others'
 * (403) — including entries without a tenant, which belong to the operators holding an
 * all-tenants token. A missing, malformed or unknown token is 401.
 *
 * <pre>{@code
 * AdminAuthorizer auth = BearerTokenAuthorizer.builder()
 *     .allTenantsToken(System.getenv("WEBHOOK_ADMIN_TOKEN"))
 *     .tenantToken("acme", System.getenv("ACME_ADMIN_TOKEN"))
 *     .build();
 * }</pre>
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every
 * issued token without stopping at a match, so neither timing nor length reveals them; they are
 * never logged and {@link #toString()} shows only how many there are. Immutable and thread-safe.
 */
public final class BearerTokenAuthorizer implements AdminAuthorizer {
    /** Shorter tokens are refused: they could be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private record Issued(byte[] digest, String tenant) {
    }

    private final List<Issued> tokens;

    private BearerTokenAuthorizer(List<Issued> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AdminDecision authorize(AdminRequest request, AdminAction action, AdminResource resource) {
        Optional<String> presented = bearer(request);
        if (presented.isEmpty()) {
            return AdminDecision.UNAUTHENTICATED;
        }
        byte[] digest = sha256(presented.get());
        Issued match = null;
        for (Issued t : tokens) {
            if (MessageDigest.isEqual(t.digest, digest) && match == null) {
                match = t;
            }
        }
        if (match == null) {
            return AdminDecision.UNAUTHENTICATED;
        }
        if (match.tenant == null || resource.isCollection()) {
            return AdminDecision.ALLOW;
        }
        return match.tenant.equals(resource.tenant()) ? AdminDecision.ALLOW : AdminDecision.FORBIDDEN;
    }

    private static Optional<String> bearer(AdminRequest request) {
        List<String> values = request.headers().all("Authorization");
        if (values.size() != 1) {
            return Optional.empty(); // none, or several: which one would count?
        }
        String v = values.get(0).trim();
        if (v.length() <= 7 || !v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        String token = v.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        long all = tokens.stream().filter(t -> t.tenant == null).count();
        return "BearerTokenAuthorizer[" + all + " all-tenants, " + (tokens.size() - all) + " tenant tokens]";
    }

    /** Collects tokens; not thread-safe. */
    public static final class Builder {
        private final List<Issued> tokens = new ArrayList<>();

        private Builder() {
        }

        /** A token that may do everything on every tenant's entries and on those without a tenant. */
        public Builder allTenantsToken(String token) {
            tokens.add(new Issued(digest(token), null));
            return this;
        }

        /** A token that may do everything on {@code tenant}'s entries only. */
        public Builder tenantToken(String tenant, String token) {
            Objects.requireNonNull(tenant, "tenant");
            if (tenant.isBlank()) {
                throw new ConfigurationException("tenant must not be blank");
            }
            tokens.add(new Issued(digest(token), tenant));
            return this;
        }

        private byte[] digest(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < MIN_TOKEN_LENGTH || !token.equals(token.trim()) || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                // The message never shows the token.
                throw new ConfigurationException("admin tokens must be at least " + MIN_TOKEN_LENGTH
                        + " printable ASCII characters without spaces");
            }
            byte[] d = sha256(token);
            for (Issued t : tokens) {
                if (MessageDigest.isEqual(t.digest, d)) {
                    throw new ConfigurationException("the same admin token is issued twice");
                }
            }
            return d;
        }

        /** @throws ConfigurationException when no token was added */
        public BearerTokenAuthorizer build() {
            if (tokens.isEmpty()) {
                throw new ConfigurationException("a BearerTokenAuthorizer needs at least one token");
            }
            return new BearerTokenAuthorizer(tokens);
        }
    }
}
