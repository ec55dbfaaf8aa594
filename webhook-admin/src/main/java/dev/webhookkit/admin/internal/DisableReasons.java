package dev.webhookkit.admin.internal;

import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.Subscription;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why the dispatcher last disabled each subscription, as its listener was told. The store keeps
 * only {@code enabled}, so the reason lives here: in memory, for what this instance's dispatcher
 * disabled since the API was built. At most {@link #MAX_ENTRIES} are kept so a flood of failing
 * subscriptions cannot grow it without bound. Thread-safe.
 */
public final class DisableReasons implements DispatchListener {
    static final int MAX_ENTRIES = 10_000;
    private final Map<String, DisableReason> reasons = new ConcurrentHashMap<>();

    @Override
    public void onSubscriptionDisabled(Subscription subscription, DisableReason reason) {
        if (reasons.size() < MAX_ENTRIES || reasons.containsKey(subscription.id())) {
            reasons.put(subscription.id(), reason);
        }
    }

    /** The reason for a subscription that is disabled now; none once it is enabled again (by hand). */
    public Optional<DisableReason> of(Subscription s) {
        if (s.enabled()) {
            reasons.remove(s.id());
            return Optional.empty();
        }
        return Optional.ofNullable(reasons.get(s.id()));
    }
}
