package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.spi.PublishHeaders;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import dev.webhookkit.outbound.spi.Envelope;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The validated settings of a dispatcher, handed from the public builder to the implementation;
 * {@code lease} null when derived; {@code sleeper} {@link Sleeper#REAL} except in tests that step time; {@code interceptors} run after
 * the built-in steps of an attempt, just before the send; {@code userAgent} is sent unless a subscription has its own;
 * {@code publishHeaders} are taken when a message is stored and stored with it; {@code leaseRenewal} null when derived
 * (tests set it); {@code healthStore} null for the store's own or, without one, in memory.
 */
public record DispatcherConfig(Clock clock, DeliveryStore store, SubscriptionRegistry subscriptions, RetryPolicy retryPolicy,
        SsrfGuard ssrfGuard, Envelope envelope, ObjectMapper objectMapper, HttpClient httpClient, int httpClients, int workers,
        int claimBatch, Duration connectTimeout, Duration pollInterval, Duration lease, String instanceId, Duration failingPeriod,
        int failedMessagesLimit, int responseSnippetBytes, List<DispatchListener> listeners, Sleeper sleeper,
        List<DeliveryInterceptor> interceptors, String userAgent, PublishHeaders publishHeaders, Duration leaseRenewal,
        EndpointHealthStore healthStore) {

    /** The settings with the real sleeper, no extra interceptors, the default {@code User-Agent} and no publish-time headers. */
    public DispatcherConfig(Clock clock, DeliveryStore store, SubscriptionRegistry subscriptions, RetryPolicy retryPolicy,
            SsrfGuard ssrfGuard, Envelope envelope, ObjectMapper objectMapper, HttpClient httpClient, int httpClients, int workers,
            int claimBatch, Duration connectTimeout, Duration pollInterval, Duration lease, String instanceId, Duration failingPeriod,
            int failedMessagesLimit, int responseSnippetBytes, List<DispatchListener> listeners) {
        this(clock, store, subscriptions, retryPolicy, ssrfGuard, envelope, objectMapper, httpClient, httpClients, workers, claimBatch,
                connectTimeout, pollInterval, lease, instanceId, failingPeriod, failedMessagesLimit, responseSnippetBytes, listeners,
                Sleeper.REAL, List.of(), Version.USER_AGENT, PublishHeaders.NONE, null, null);
    }
}
