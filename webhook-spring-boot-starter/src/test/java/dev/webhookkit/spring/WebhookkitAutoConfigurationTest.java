package dev.webhookkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.admin.AdminApi;
import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.micrometer.WebhookMetrics;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.servlet.WebhookFilter;
import dev.webhookkit.spring.internal.AdminFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class WebhookkitAutoConfigurationTest {
    private static final AutoConfigurations ALL = AutoConfigurations.of(WebhookkitRedisAutoConfiguration.class, WebhookkitMetricsAutoConfiguration.class,
            WebhookkitAutoConfiguration.class,
            WebhookkitOutboundAutoConfiguration.class, WebhookkitAdminAutoConfiguration.class, WebhookkitHealthAutoConfiguration.class);
    private static final String[] GITHUB = {
        "webhookkit.receiver.endpoints.github.scheme=github",
        "webhookkit.receiver.endpoints.github.secrets[0]=" + Signed.SECRET,
        "webhookkit.receiver.endpoints.github.provider=github",
    };
    private static final String SUBSCRIPTION = "webhookkit.outbound.subscriptions.ops.url=https://ops.example.com/hooks";
    private static final String SUBSCRIPTION_SECRET = "webhookkit.outbound.subscriptions.ops.secret=ops-signing-secret";

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(ALL);

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @WebhookListener("github")
        HandlerResponse first(WebhookEvent event) {
            seen.add("first:" + event.eventType());
            return HandlerResponse.text("from first");
        }

        @WebhookListener("github")
        void second(WebhookEvent event) {
            seen.add("second:" + event.eventId());
        }
    }

    @Test
    void receiverAndFilterWithListenersOfOneEndpoint() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(WebhookReceiver.class).doesNotHaveBean(WebhookDispatcher.class);
            FilterRegistrationBean<?> filter = context.getBean("webhookkitFilter", FilterRegistrationBean.class);
            assertThat(filter.getFilter()).isInstanceOf(WebhookFilter.class);
            assertThat(filter.getUrlPatterns()).containsExactly("/webhooks/*");
            assertThat(filter.getOrder()).isLessThan(-100);

            ReceiveResult result = context.getBean(WebhookReceiver.class).receive("github", Signed.github(Signed.BODY, "d-1"));
            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(result.status()).isEqualTo(200);
            assertThat(new String(result.response().body(), StandardCharsets.UTF_8)).isEqualTo("from first");
            assertThat(context.getBean(Listeners.class).seen).hasSize(2).anyMatch(s -> s.startsWith("first:")).anyMatch(s -> s.startsWith("second:"));
        });
    }

    @Test
    void unsignedDeliveryIsRefusedAndReachesNoListener() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).run(context -> {
            ReceiveResult result = context.getBean(WebhookReceiver.class).receive("github",
                    dev.webhookkit.core.WebhookRequest.builder().method("POST").path("/webhooks/github").body(Signed.BODY).build());
            assertThat(result.status()).isEqualTo(401);
            assertThat(result.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
            assertThat(context.getBean(Listeners.class).seen).isEmpty();
        });
    }

    @Test
    void pathPrefixPropertyMovesTheFilter() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).withPropertyValues("webhookkit.receiver.path-prefix=/hooks/in")
                .run(context -> {
                    FilterRegistrationBean<?> filter = context.getBean("webhookkitFilter", FilterRegistrationBean.class);
                    assertThat(filter.getUrlPatterns()).containsExactly("/hooks/in/*");
                });
    }

    @Test
    void eventHandlerBeanNamedForTheEndpointHandlesIt() {
        web.withPropertyValues(GITHUB).withBean("github", EventHandler.class, () -> event -> HandlerResponse.text("bean handler")).run(context -> {
            assertThat(context).hasNotFailed();
            ReceiveResult result = context.getBean(WebhookReceiver.class).receive("github", Signed.github(Signed.BODY, "d-2"));
            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(new String(result.response().body(), StandardCharsets.UTF_8)).isEqualTo("bean handler");
        });
    }

    @Test
    void killSwitchTurnsEverythingOff() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET, "webhookkit.enabled=false",
                "webhookkit.admin.enabled=true", "webhookkit.admin.token=0123456789abcdef-token", "webhookkit.redis.url=redis://127.0.0.1:6379")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(WebhookReceiver.class).doesNotHaveBean(WebhookDispatcher.class)
                            .doesNotHaveBean(AdminApi.class).doesNotHaveBean("webhookkitFilter").doesNotHaveBean("webhookkitAdminFilter")
                            .doesNotHaveBean("webhookkitHealthIndicator").doesNotHaveBean(WebhookMetrics.class).doesNotHaveBean("webhookkitRedis")
                            .doesNotHaveBean(Deduplicator.class).doesNotHaveBean(DeliveryStore.class);
                });
    }

    @Test
    void applicationBeansWin() {
        WebhookReceiver own = WebhookReceiver.builder().build();
        Deduplicator ownDedup = Deduplicator.none();
        SsrfGuard ownGuard = SsrfGuard.builder().allowLoopback().build();
        web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET).withBean(WebhookReceiver.class, () -> own).withBean(Deduplicator.class, () -> ownDedup)
                .withBean(SsrfGuard.class, () -> ownGuard).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(WebhookReceiver.class)).isSameAs(own);
                    assertThat(context.getBean(Deduplicator.class)).isSameAs(ownDedup);
                    assertThat(context.getBean(SsrfGuard.class)).isSameAs(ownGuard);
                });
    }

    @Test
    void everyOtherBeanBacksOffToTheApplicationsOwn() {
        SubscriptionRegistry ownSubscriptions = SubscriptionRegistry.inMemory();
        DeliveryStore ownStore = DeliveryStore.inMemory();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WebhookMetrics ownMetrics = WebhookMetrics.bind(meters);
        HealthIndicatorStandIn ownHealth = new HealthIndicatorStandIn();
        FilterRegistrationBean<WebhookFilter> ownFilter = new FilterRegistrationBean<>();
        FilterRegistrationBean<WebhookFilter> ownAdminFilter = new FilterRegistrationBean<>();
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET,
                "webhookkit.admin.enabled=true", "webhookkit.admin.token=0123456789abcdef-token")
                .withBean(SubscriptionRegistry.class, () -> ownSubscriptions).withBean(DeliveryStore.class, () -> ownStore)
                .withBean(MeterRegistry.class, () -> meters).withBean(WebhookMetrics.class, () -> ownMetrics)
                .withBean("webhookkitHealthIndicator", HealthIndicatorStandIn.class, () -> ownHealth)
                .withBean("webhookkitFilter", FilterRegistrationBean.class, () -> ownFilter)
                .withBean("webhookkitAdminFilter", FilterRegistrationBean.class, () -> ownAdminFilter).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SubscriptionRegistry.class)).isSameAs(ownSubscriptions);
                    assertThat(context.getBean(DeliveryStore.class)).isSameAs(ownStore);
                    assertThat(context.getBean(WebhookMetrics.class)).isSameAs(ownMetrics);
                    assertThat(context.getBean("webhookkitHealthIndicator")).isSameAs(ownHealth);
                    assertThat(context.getBean("webhookkitFilter")).isSameAs(ownFilter);
                    assertThat(context.getBean("webhookkitAdminFilter")).isSameAs(ownAdminFilter);
                });
        WebhookDispatcher ownDispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory()).build();
        WebhookReceiver adminsReceiver = WebhookReceiver.builder().build();
        AdminApi ownAdmin = AdminApi.builder().receiver(adminsReceiver).authorizer(AdminAuthorizer.allowAll()).build();
        try {
            web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET, "webhookkit.admin.enabled=true", "webhookkit.admin.token=0123456789abcdef-token")
                    .withBean(WebhookDispatcher.class, () -> ownDispatcher).withBean(AdminApi.class, () -> ownAdmin).run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(WebhookDispatcher.class)).isSameAs(ownDispatcher);
                        assertThat(context.getBean(AdminApi.class)).isSameAs(ownAdmin);
                    });
        } finally {
            ownDispatcher.close(java.time.Duration.ofSeconds(5));
            adminsReceiver.close();
        }
    }

    /** Any bean named webhookkitHealthIndicator replaces the contributor, whatever its type. */
    static final class HealthIndicatorStandIn {
    }

    @Test
    void generatedMetadataNamesTheContractProperties() throws Exception {
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's output is in the jar").isNotNull();
            JsonNode metadata = new ObjectMapper().readTree(in);
            assertThat(metadata.path("properties").findValuesAsText("name")).contains("webhookkit.enabled", "webhookkit.store",
                    "webhookkit.receiver.path-prefix", "webhookkit.receiver.endpoints", "webhookkit.outbound.subscriptions",
                    "webhookkit.admin.enabled", "webhookkit.admin.token", "webhookkit.redis.url", "webhookkit.outbound.retention");
            assertThat(metadata.path("properties")).allSatisfy(p -> assertThat(p.path("description").asText()).as(p.path("name").asText()).isNotBlank());
        }
    }

    @Test
    void noFilterOutsideAServletWebApplication() {
        new ApplicationContextRunner().withConfiguration(ALL).withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(WebhookReceiver.class).doesNotHaveBean("webhookkitFilter").doesNotHaveBean(AdminApi.class);
        });
    }

    @Test
    void dispatcherOnlyWithSubscriptionsAndWithTheStrictSsrfGuard() {
        web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET, "webhookkit.outbound.subscriptions.ops.event-types[0]=incident.*").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(WebhookDispatcher.class).hasSingleBean(DeliveryStore.class);
            WebhookDispatcher dispatcher = context.getBean(WebhookDispatcher.class);
            assertThat(dispatcher.subscriptions().get("ops").orElseThrow().accepts("incident.opened")).isTrue();
            assertThat(dispatcher.subscriptions().get("ops").orElseThrow().accepts("deploy.done")).isFalse();
            assertThat(dispatcher.subscriptions().get("ops").orElseThrow().ordered()).as("ordered unless set").isFalse();
            assertThat(context.getBean(SsrfGuard.class).check(java.net.URI.create("http://127.0.0.1/")).isAllowed()).isFalse();
        });
        web.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookDispatcher.class).doesNotHaveBean(DeliveryStore.class));
    }

    @Test
    void anOrderedSubscriptionFromProperties() {
        web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET, "webhookkit.outbound.subscriptions.ops.ordered=true").run(context ->
                assertThat(context.getBean(WebhookDispatcher.class).subscriptions().get("ops").orElseThrow().ordered()).isTrue());
    }

    @Test
    void subscriptionWithoutSecretStopsTheStart() {
        web.withPropertyValues(SUBSCRIPTION).run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("webhookkit.outbound.subscriptions.ops.secret"));
    }

    @Test
    void jdbcStoreWithoutWebhookJdbcSaysWhatIsMissing() {
        web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET, "webhookkit.store=jdbc").withClassLoader(new FilteredClassLoader("dev.webhookkit.jdbc"))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("webhook-jdbc"));
    }

    @Test
    void jdbcStoreWithoutDataSourceFailsTheStart() {
        web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET, "webhookkit.store=jdbc").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void adminIsOffByDefault() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB)
                .run(context -> assertThat(context).doesNotHaveBean(AdminApi.class).doesNotHaveBean("webhookkitAdminFilter"));
    }

    @Test
    void adminEnabledIsMountedUnderAdmin() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB)
                .withPropertyValues("webhookkit.admin.enabled=true", "webhookkit.admin.token=0123456789abcdef-token").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(AdminApi.class);
                    FilterRegistrationBean<?> admin = context.getBean("webhookkitAdminFilter", FilterRegistrationBean.class);
                    assertThat(admin.getFilter()).isInstanceOf(AdminFilter.class);
                    assertThat(admin.getUrlPatterns()).containsExactly("/admin", "/admin/*");
                    // Ahead of Spring Security's chain (-100), like the webhook filter: the bearer token is its authentication.
                    assertThat(admin.getOrder()).isLessThan(-100);
                });
    }

    @Test
    void adminEnabledWithoutTokenOrWithAShortOneRefusesToStart() {
        web.withPropertyValues("webhookkit.admin.enabled=true").run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("webhookkit.admin.token").hasMessageContaining("16"));
        web.withPropertyValues("webhookkit.admin.enabled=true", "webhookkit.admin.token=short-tok3n").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure().getCause()).rootCause().hasMessageContaining("11 characters");
            assertThat(stackText(context.getStartupFailure())).doesNotContain("short-tok3n");
        });
    }

    @Test
    void listenerForAnUnconfiguredEndpointStopsTheStart() {
        web.withUserConfiguration(Listeners.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasMessageContaining("[github]").hasMessageContaining("webhookkit.receiver.endpoints"));
    }

    @Test
    void endpointWithoutAHandlerStopsTheStart() {
        web.withPropertyValues(GITHUB).run(context -> assertThat(context).hasFailed().getFailure()
                .hasMessageContaining("[github]").hasMessageContaining("no @WebhookListener"));
    }

    @Configuration(proxyBeanMethods = false)
    static class BadListener {
        @WebhookListener("github")
        String wrong(String body) {
            return body;
        }
    }

    @Test
    void listenerWithTheWrongSignatureStopsTheStart() {
        web.withUserConfiguration(BadListener.class).withPropertyValues(GITHUB).run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("wrong").hasMessageContaining("WebhookEvent"));
    }

    @Test
    void unknownSchemeNamesThePropertyAndNotTheSecret() {
        web.withUserConfiguration(Listeners.class).withPropertyValues("webhookkit.receiver.endpoints.github.scheme=gitbub",
                "webhookkit.receiver.endpoints.github.secrets[0]=" + Signed.SECRET).run(context -> {
                    assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("webhookkit.receiver.endpoints.github.scheme")
                            .hasMessageContaining("gitbub");
                    assertThat(stackText(context.getStartupFailure())).doesNotContain(Signed.SECRET);
                });
    }

    @Test
    void endpointWithoutSecretsStopsTheStart() {
        web.withUserConfiguration(Listeners.class).withPropertyValues("webhookkit.receiver.endpoints.github.scheme=github")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("webhookkit.receiver.endpoints.github.secrets"));
    }

    @Test
    void healthContributorReportsTheDispatcher() {
        web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET).run(context -> {
            TestHealth health = TestHealth.of(context);
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details()).containsEntry("store", "UP").containsEntry("backlog", 0L).containsEntry("dispatcher", "running");
        });
    }

    @Test
    void healthContributorSaysDownWhenTheDispatcherStopped() {
        web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET).run(context -> {
            context.getBean(WebhookDispatcher.class).close(java.time.Duration.ofSeconds(5));
            TestHealth health = TestHealth.of(context);
            assertThat(health.status()).isEqualTo("DOWN");
            assertThat(health.details()).containsEntry("dispatcher", "stopped");
        });
    }

    @Test
    void noHealthContributorWithoutActuator() {
        web.withPropertyValues(SUBSCRIPTION, SUBSCRIPTION_SECRET).withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("webhookkitHealthIndicator"));
    }

    @Test
    void metersGoToTheApplicationsRegistry() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).withBean(MeterRegistry.class, () -> meters)
                .run(context -> {
                    assertThat(context).hasSingleBean(WebhookMetrics.class);
                    context.getBean(WebhookReceiver.class).receive("github", Signed.github(Signed.BODY, "d-3"));
                    assertThat(meters.find("webhookkit.receive").tag("endpoint", "github").timer()).isNotNull()
                            .satisfies(t -> assertThat(t.count()).isEqualTo(1));
                    assertThat(meters.find("webhookkit.verify").tag("valid", "true").timer()).isNotNull();
                });
    }

    @Test
    void noMetersWithoutARegistry() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookMetrics.class));
    }

    @Test
    void redisUrlWithoutWebhookRedisSaysWhatIsMissing() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).withPropertyValues("webhookkit.redis.url=redis://127.0.0.1:6379")
                .withClassLoader(new FilteredClassLoader("dev.webhookkit.redis"))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("webhook-redis"));
    }

    @Test
    void observationsGoToTheApplicationsObservationRegistry() {
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName());
            }
        });
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, () -> observations).run(context -> {
                    context.getBean(WebhookReceiver.class).receive("github", Signed.github(Signed.BODY, "d-obs"));
                    assertThat(observed).contains("webhookkit.receive.request");
                });
    }

    @Test
    void noRedisWithoutUrl() {
        web.withUserConfiguration(Listeners.class).withPropertyValues(GITHUB).run(context -> assertThat(context).doesNotHaveBean("webhookkitRedis"));
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
