package dev.webhookkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.WebhookReceiver;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookFilterConfigurationTest {
    private final WebhookReceiver receiver = WebhookReceiver.builder().build();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @ParameterizedTest
    @CsvSource({"/webhooks,/webhooks", "/webhooks/*,/webhooks", "/hooks/in/,/hooks/in", "' /webhooks ',/webhooks", "/,''", "/*,''"})
    void prefixIsNormalizedToAPathWithoutTrailingSlash(String given, String normalized) {
        assertThat(WebhookFilter.builder(receiver).prefix(given).build().prefix()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhooks", "/a/*/b", "/a//b", "", "*"})
    void prefixThatIsNotAPathIsRefusedNamingTheValue(String given) {
        assertThatThrownBy(() -> WebhookFilter.builder(receiver).prefix(given).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("prefix must be a path like /webhooks but was '" + given + "'");
    }

    @Test
    void unknownEndpointLimitMustBePositive() {
        assertThatThrownBy(() -> WebhookFilter.builder(receiver).unknownEndpointMaxBodyBytes(0).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("unknownEndpointMaxBodyBytes must be > 0 but was 0");
    }

    @Test
    void invalidTrustedProxyIsRefused() {
        assertThatThrownBy(() -> WebhookFilter.builder(receiver).trustedProxies("10.0.0.0/8, not-an-ip"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not-an-ip");
    }

    @Test
    void initParametersConfigureTheFilter() throws ServletException {
        WebhookFilter filter = new WebhookFilter();

        filter.init(Fakes.filterConfig("hooks", Map.of(WebhookFilter.PARAM_PREFIX, "/in/*", WebhookFilter.PARAM_RECEIVER_ATTRIBUTE, "my.receiver"),
                Fakes.servletContext(Map.of("my.receiver", receiver))));

        assertThat(filter.prefix()).isEqualTo("/in");
    }

    @Test
    void receiverIsFoundUnderTheDefaultAttribute() throws ServletException {
        WebhookFilter filter = new WebhookFilter();

        filter.init(Fakes.filterConfig("hooks", Map.of(),
                Fakes.servletContext(Map.of(WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE, receiver))));

        assertThat(filter.prefix()).isEqualTo(WebhookFilter.DEFAULT_PREFIX);
    }

    @Test
    void missingReceiverAttributeFailsInitNamingTheAttribute() {
        WebhookFilter filter = new WebhookFilter();

        assertThatThrownBy(() -> filter.init(Fakes.filterConfig("hooks", Map.of(WebhookFilter.PARAM_RECEIVER_ATTRIBUTE, "nowhere"),
                Fakes.servletContext(Map.of()))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("WebhookFilter 'hooks'")
                .hasMessageContaining("no WebhookReceiver in ServletContext attribute 'nowhere'");
    }

    @Test
    void attributeOfAnotherTypeFailsInit() {
        WebhookFilter filter = new WebhookFilter();

        assertThatThrownBy(() -> filter.init(Fakes.filterConfig("hooks", Map.of(),
                Fakes.servletContext(Map.of(WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE, "a string")))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("holds a java.lang.String, not a WebhookReceiver");
    }

    @Test
    void malformedInitParameterFailsInitNamingParameterAndValue() {
        WebhookFilter filter = new WebhookFilter();

        assertThatThrownBy(() -> filter.init(Fakes.filterConfig("hooks",
                Map.of(WebhookFilter.PARAM_UNKNOWN_ENDPOINT_MAX_BODY_BYTES, "lots", WebhookFilter.PARAM_CONTINUE_CHAIN, "true"),
                Fakes.servletContext(Map.of(WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE, receiver)))))
                .isInstanceOf(ServletException.class)
                .hasMessage("WebhookFilter 'hooks': init parameter 'unknownEndpointMaxBodyBytes' must be an integer >= 1 but was 'lots'");
    }

    @Test
    void booleanInitParameterMustBeTrueOrFalse() {
        WebhookFilter filter = new WebhookFilter();

        assertThatThrownBy(() -> filter.init(Fakes.filterConfig("hooks", Map.of(WebhookFilter.PARAM_CONTINUE_CHAIN, "yes"),
                Fakes.servletContext(Map.of(WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE, receiver)))))
                .isInstanceOf(ServletException.class)
                .hasMessage("WebhookFilter 'hooks': init parameter 'continueChain' must be true or false but was 'yes'");
    }

    @Test
    void filterBuiltInCodeIgnoresInitParameters() throws ServletException {
        WebhookFilter filter = WebhookFilter.builder(receiver).prefix("/code").build();

        filter.init(Fakes.filterConfig("hooks", Map.of(WebhookFilter.PARAM_PREFIX, "/params"), Fakes.servletContext(Map.of())));

        assertThat(filter.prefix()).isEqualTo("/code");
    }

    @Test
    void filterUsedBeforeInitSaysSo() {
        assertThatThrownBy(() -> new WebhookFilter().prefix())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not initialized");
    }

    @Test
    void eventStreamSettingsAreValidatedNamingTheSetting() {
        assertThatThrownBy(() -> WebhookEventStreamServlet.builder(receiver).allowAnonymous().replay(-1).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("replay must be >= 0 but was -1");
        assertThatThrownBy(() -> WebhookEventStreamServlet.builder(receiver).allowAnonymous().queueCapacity(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("queueCapacity must be > 0 but was 0");
        assertThatThrownBy(() -> WebhookEventStreamServlet.builder(receiver).allowAnonymous().heartbeatInterval(Duration.ZERO).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("heartbeatInterval must be >= 1 ms but was PT0S");
    }

    @Test
    void eventStreamLimitsAreValidatedNamingTheSetting() {
        assertThatThrownBy(() -> WebhookEventStreamServlet.builder(receiver).allowAnonymous().maxClients(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("maxClients must be > 0 but was 0");
        assertThatThrownBy(() -> WebhookEventStreamServlet.builder(receiver).allowAnonymous()
                .maxConnectionLifetime(Duration.ofMillis(10)).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("maxConnectionLifetime must be >= 1 s but was PT0.01S");
    }

    @Test
    void eventStreamWithoutAnAuthorizerOrAllowAnonymousDoesNotBuild() {
        assertThatThrownBy(() -> WebhookEventStreamServlet.builder(receiver).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs an authorizer")
                .hasMessageContaining("allowAnonymous()");
    }

    @Test
    void containerConfiguredEventStreamWithoutAccessSettingFailsInit() {
        WebhookEventStreamServlet servlet = new WebhookEventStreamServlet();

        assertThatThrownBy(() -> servlet.init(Fakes.servletConfig("events", Map.of(),
                Fakes.servletContext(Map.of(WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE, receiver)))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining(WebhookEventStreamServlet.PARAM_REQUIRED_ROLE)
                .hasMessageContaining(WebhookEventStreamServlet.PARAM_ALLOW_ANONYMOUS);
    }

    @Test
    void containerConfiguredEventStreamTakesItsAuthorizerFromAContextAttribute() throws ServletException {
        WebhookEventStreamServlet servlet = new WebhookEventStreamServlet();
        EventStreamAuthorizer authorizer = request -> EventStreamAuthorizer.Decision.FORBIDDEN;

        servlet.init(Fakes.servletConfig("events", Map.of(WebhookEventStreamServlet.PARAM_AUTHORIZER_ATTRIBUTE, "my.authorizer"),
                Fakes.servletContext(Map.of(WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE, receiver, "my.authorizer", authorizer))));
        servlet.destroy();

        assertThatThrownBy(() -> new WebhookEventStreamServlet().init(Fakes.servletConfig("events",
                Map.of(WebhookEventStreamServlet.PARAM_AUTHORIZER_ATTRIBUTE, "missing"),
                Fakes.servletContext(Map.of(WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE, receiver)))))
                .isInstanceOf(ServletException.class).hasMessageContaining("'missing' holds nothing");
    }
}
