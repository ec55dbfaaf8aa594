package dev.webhookkit.spring;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.servlet.WebhookFilter;
import dev.webhookkit.spring.internal.EndpointFactory;
import dev.webhookkit.spring.internal.ListenerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.webhookkit.micrometer.WebhookMetrics;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Inbound webhooks: a {@link WebhookReceiver} with the endpoints of
 * {@code webhookkit.receiver.endpoints}, handled by {@link WebhookListener} methods and
 * {@link EventHandler} beans named for an endpoint, and in a servlet web application a
 * {@link WebhookFilter} under {@code webhookkit.receiver.path-prefix}, ordered ahead of Spring
 * Security's filter chain so webhook paths are authenticated by their signature alone.
 * Every bean backs off when the application defines its own; {@code webhookkit.enabled=false}
 * switches all of it off.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "webhookkit", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(WebhookkitProperties.class)
public class WebhookkitAutoConfiguration {
    /**
     * Order of the webhook filter: Spring Security's chain runs at -100
     * ({@code SecurityProperties.DEFAULT_FILTER_ORDER}); Boot's observation filter and character
     * encoding filter run before both.
     */
    public static final int FILTER_ORDER = -110;

    /** Collects {@link WebhookListener} methods; static because it is a BeanPostProcessor. */
    @Bean
    @ConditionalOnMissingBean
    public static ListenerRegistry webhookkitListenerRegistry() {
        return new ListenerRegistry();
    }

    /** In memory, per instance; webhookkit.redis.url replaces it with the shared Redis one. */
    @Bean
    @ConditionalOnMissingBean
    public Deduplicator webhookkitDeduplicator() {
        return Deduplicator.inMemory();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public WebhookReceiver webhookReceiver(WebhookkitProperties properties, ListenerRegistry listeners, Deduplicator deduplicator,
            ListableBeanFactory beans, ObjectProvider<WebhookMetrics> metrics) {
        WebhookReceiver.Builder b = WebhookReceiver.builder().deduplicator(deduplicator);
        metrics.ifAvailable(m -> b.listener(m.receiveListener()));
        properties.getReceiver().getEndpoints().forEach((name, endpoint) -> {
            if (beans.containsBean(name) && beans.isTypeMatch(name, EventHandler.class)) {
                // Looked up at the first event (then kept), so the handler bean may itself depend on the receiver.
                java.util.concurrent.atomic.AtomicReference<EventHandler> bean = new java.util.concurrent.atomic.AtomicReference<>();
                listeners.add(name, event -> bean.updateAndGet(h -> h != null ? h : beans.getBean(name, EventHandler.class)).handle(event));
            }
            b.endpoint(EndpointFactory.endpoint(name, endpoint, listeners.handlerFor(name)));
        });
        return b.build();
    }

    /** Fails the start when an endpoint has no handler or a listener names no configured endpoint. */
    @Bean
    @ConditionalOnMissingBean(name = "webhookkitListenerCheck")
    public SmartInitializingSingleton webhookkitListenerCheck(WebhookkitProperties properties, ListenerRegistry listeners) {
        return () -> {
            Set<String> configured = properties.getReceiver().getEndpoints().keySet();
            List<String> unknown = listeners.unknown(configured);
            if (!unknown.isEmpty()) {
                throw new ConfigurationException("@WebhookListener names endpoints that are not configured under webhookkit.receiver.endpoints: "
                        + unknown + " (configured: " + configured + ")");
            }
            List<String> unhandled = new ArrayList<>(configured);
            unhandled.removeAll(listeners.endpoints());
            if (!unhandled.isEmpty()) {
                throw new ConfigurationException("webhookkit.receiver.endpoints " + unhandled
                        + " have no @WebhookListener method and no EventHandler bean of the same name");
            }
        };
    }

    /** The servlet filter, in a servlet web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class Web {
        @Bean
        @ConditionalOnMissingBean(name = "webhookkitFilter")
        FilterRegistrationBean<WebhookFilter> webhookkitFilter(WebhookReceiver receiver, WebhookkitProperties properties) {
            String prefix = properties.getReceiver().getPathPrefix();
            WebhookFilter filter = WebhookFilter.builder(receiver).prefix(prefix).build();
            FilterRegistrationBean<WebhookFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setName("webhookkitFilter");
            registration.setOrder(FILTER_ORDER);
            String base = filter.prefix();
            registration.addUrlPatterns(base + "/*");
            return registration;
        }
    }

}
