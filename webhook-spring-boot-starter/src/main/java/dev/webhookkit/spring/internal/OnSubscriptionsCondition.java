package dev.webhookkit.spring.internal;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when at least one {@code webhookkit.outbound.subscriptions.<id>} is configured. */
public final class OnSubscriptionsCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> subscriptions = Binder.get(context.getEnvironment())
                .bind("webhookkit.outbound.subscriptions", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        return subscriptions.isEmpty()
                ? ConditionOutcome.noMatch("no webhookkit.outbound.subscriptions configured")
                : ConditionOutcome.match(subscriptions.size() + " webhookkit.outbound.subscriptions configured");
    }
}
