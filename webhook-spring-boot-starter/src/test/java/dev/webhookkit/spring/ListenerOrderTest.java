package dev.webhookkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What docs/spring-boot.md says of several listeners of one endpoint: their order, the last non-empty response, the first failure. */
class ListenerOrderTest {
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookkitAutoConfiguration.class))
            .withPropertyValues("webhookkit.receiver.endpoints.github.scheme=github", "webhookkit.receiver.endpoints.github.secrets[0]=" + Signed.SECRET)
            .withInitializer(context -> CALLS.clear());

    /** Declared b, void, a: run a, b (by name), then the void one, whose empty answer does not count. */
    static class OneBean {
        @WebhookListener("github")
        HandlerResponse b(WebhookEvent event) {
            CALLS.add("b");
            return HandlerResponse.text("from b");
        }

        @WebhookListener("github")
        void c(WebhookEvent event) {
            CALLS.add("c");
        }

        @WebhookListener("github")
        HandlerResponse a(WebhookEvent event) {
            CALLS.add("a");
            return HandlerResponse.text("from a");
        }
    }

    static class LaterBean {
        @WebhookListener("github")
        HandlerResponse later(WebhookEvent event) {
            CALLS.add("later");
            return HandlerResponse.text("from the later bean");
        }
    }

    static class Failing {
        @WebhookListener("github")
        void fails(WebhookEvent event) {
            CALLS.add("fails");
            throw new IllegalStateException("downstream unavailable");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OneBeanConfig {
        @Bean
        OneBean oneBean() {
            return new OneBean();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LaterBeanConfig {
        @Bean
        LaterBean laterBean() {
            return new LaterBean();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingFirst {
        @Bean
        Failing failing() {
            return new Failing();
        }

        @Bean
        LaterBean laterBean() {
            return new LaterBean();
        }
    }

    @Test
    void methodsOfOneBeanRunByNameAndTheLastNonEmptyResponseIsTheAnswer() {
        runner.withUserConfiguration(OneBeanConfig.class).run(context -> {
            ReceiveResult result = context.getBean(WebhookReceiver.class).receive("github", Signed.github(Signed.BODY, "order-1"));
            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(CALLS).containsExactly("a", "b", "c");
            assertThat(body(result)).isEqualTo("from b");
        });
    }

    @Test
    void beansRunInTheOrderTheyAreCreatedSoTheLaterBeansAnswerWins() {
        runner.withUserConfiguration(OneBeanConfig.class, LaterBeanConfig.class).run(context -> {
            ReceiveResult result = context.getBean(WebhookReceiver.class).receive("github", Signed.github(Signed.BODY, "order-2"));
            assertThat(CALLS).containsExactly("a", "b", "c", "later");
            assertThat(body(result)).isEqualTo("from the later bean");
        });
    }

    @Test
    void theFirstListenerThatThrowsFailsTheEventWith500AndTheRestDoNotRun() {
        runner.withUserConfiguration(FailingFirst.class).run(context -> {
            ReceiveResult result = context.getBean(WebhookReceiver.class).receive("github", Signed.github(Signed.BODY, "order-3"));
            assertThat(result.reason()).isEqualTo(Reason.HANDLER_FAILED);
            assertThat(result.status()).isEqualTo(500);
            assertThat(CALLS).containsExactly("fails");
        });
    }

    private static String body(ReceiveResult result) {
        return new String(result.response().body(), StandardCharsets.UTF_8);
    }
}
