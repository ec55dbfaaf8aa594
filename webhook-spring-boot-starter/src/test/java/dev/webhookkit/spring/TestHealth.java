package dev.webhookkit.spring;

import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * The {@code webhookkit} health contributor's answer, read the same way on Boot 3 and Boot 4
 * (their {@code Health} types live in different packages, with the same methods), so one test
 * source runs on both lines.
 */
record TestHealth(String status, Map<String, Object> details) {
    static TestHealth of(ApplicationContext context) {
        Object indicator = context.getBean(WebhookkitHealthAutoConfiguration.BEAN_NAME);
        try {
            Object health = indicator.getClass().getMethod("health").invoke(indicator);
            String status = health.getClass().getMethod("getStatus").invoke(health).toString();
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health);
            return new TestHealth(status, details);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("not a HealthIndicator: " + indicator.getClass(), e);
        }
    }
}
