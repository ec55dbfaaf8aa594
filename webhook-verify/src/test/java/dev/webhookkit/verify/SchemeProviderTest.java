package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.internal.BuiltInSchemes;
import dev.webhookkit.verify.internal.SchemeRegistry;
import dev.webhookkit.verify.spi.SchemeProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Third-party schemes through {@code META-INF/services/dev.webhookkit.verify.spi.SchemeProvider}. */
class SchemeProviderTest {
    private static final String SERVICES = "META-INF/services/" + SchemeProvider.class.getName();

    @Test
    void aProvidersSchemeIsFoundByIdAfterTheBuiltInOnes() {
        SignatureScheme scheme = Schemes.byId("test-scheme");

        assertThat(scheme).isInstanceOf(TestScheme.class).isSameAs(Schemes.byId("test-scheme"));
        assertThat(Schemes.ids()).endsWith("test-scheme").startsWith("hmac-sha256");
        assertThat(Schemes.descriptor("test-scheme").summary()).isEqualTo("test scheme of a third-party provider");

        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2026-03-04T14:00:00Z");
        Headers signed = scheme.sign(SigningInput.of("m1", at, body, "https://example.com/h"), SecretSet.ofValues("s"));
        assertThat(signed.first("X-Test-Signature")).isPresent();
        WebhookRequest request = WebhookRequest.builder().body(body).headers(signed).receivedAt(at).build();
        assertThat(scheme.verify(request, SecretSet.ofValues("s")).isValid()).isTrue();
    }

    @Test
    void aProvidersSchemeGetsOnlyTheOptionsItDeclares() {
        SignatureScheme renamed = Schemes.byId("test-scheme", SchemeOptions.builder().signatureHeader("X-Other").build());
        assertThat(((TestScheme) renamed).header()).isEqualTo("X-Other");

        assertThatThrownBy(() -> Schemes.byId("test-scheme", SchemeOptions.builder().timestampPolicy(TimestampPolicy.ignore()).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("scheme test-scheme does not use timestampPolicy; it honours signatureHeader");
    }

    @Test
    void aProviderClaimingABuiltInIdIsRefused(@TempDir Path dir) throws Exception {
        Path services = dir.resolve(SERVICES);
        Files.createDirectories(services.getParent());
        Files.writeString(services, CollidingSchemeProvider.class.getName() + "\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> SchemeRegistry.discover(loader))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("scheme id 'github' registered by " + CollidingSchemeProvider.class.getName()
                            + " is already taken (built in); a scheme provider must use ids of its own");
        }
        // The class path without the colliding file still has both the built-in github and the test scheme.
        assertThat(SchemeRegistry.discover(getClass().getClassLoader()).ids()).contains("github", "test-scheme");
    }

    @Test
    void twoProvidersClaimingOneIdAreRefused() {
        SchemeProvider again = () -> new TestSchemeProvider().schemes();
        assertThatThrownBy(() -> SchemeRegistry.of(BuiltInSchemes.all(), List.of(new TestSchemeProvider(), again)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'test-scheme'")
                .hasMessageContaining("(registered by " + TestSchemeProvider.class.getName() + ")");
    }

    @Test
    void aProviderThatCannotBeLoadedIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path services = dir.resolve(SERVICES);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "com.example.NoSuchProvider\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> SchemeRegistry.discover(loader))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("com.example.NoSuchProvider");
        }
    }

    @Test
    void aProviderThatFailsOrListsNullIsAConfigurationErrorNamingIt() {
        SchemeProvider failing = new SchemeProvider() {
            @Override
            public List<SchemeDescriptor> schemes() {
                throw new IllegalStateException("no config file");
            }
        };
        SchemeProvider empty = () -> null;
        assertThatThrownBy(() -> SchemeRegistry.of(BuiltInSchemes.all(), List.of(failing)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(failing.getClass().getName()).hasMessageContaining("no config file");
        assertThatThrownBy(() -> SchemeRegistry.of(BuiltInSchemes.all(), List.of(empty)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(empty.getClass().getName());
    }

    @Test
    void aFactoryThatBuildsAnotherIdIsRefused() {
        SchemeDescriptor lying = SchemeDescriptor.builder("liar", o -> Schemes.github()).build();
        assertThatThrownBy(() -> lying.create(SchemeOptions.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("scheme liar was built as a scheme of id github");
        SchemeDescriptor wrongNeeds = SchemeDescriptor.builder("github", o -> Schemes.github()).noSecrets().build();
        assertThatThrownBy(() -> wrongNeeds.create(SchemeOptions.defaults()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not match its descriptor");
    }

    @Test
    void idsAreLowerCaseWordsWithHyphens() {
        for (String bad : List.of("", "GitHub", "my scheme", "-x", "x-", "a--b", "a_b")) {
            assertThatThrownBy(() -> SchemeDescriptor.builder(bad, o -> Schemes.github()))
                    .as(bad).isInstanceOf(ConfigurationException.class).hasMessageContaining("'" + bad + "'");
        }
        assertThat(SchemeDescriptor.builder("v2-hmac", o -> Schemes.github()).build().id()).isEqualTo("v2-hmac");
    }
}
