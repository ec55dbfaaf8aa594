package dev.webhookkit.spring.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.spring.WebhookListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Collects {@link WebhookListener} methods as beans are initialized and turns them into one
 * {@link EventHandler} per endpoint. Thread-safe: handlers read the lists that start-up filled.
 */
public final class ListenerRegistry implements BeanPostProcessor {
    private final Map<String, List<EventHandler>> byEndpoint = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> target = AopUtils.getTargetClass(bean);
        Map<Method, WebhookListener> found = MethodIntrospector.selectMethods(target,
                (MethodIntrospector.MetadataLookup<WebhookListener>) m -> AnnotatedElementUtils.findMergedAnnotation(m, WebhookListener.class));
        // Reflection returns methods in no defined order: by name, so that "the last response wins" is repeatable.
        found.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Method::getName)))
                .forEach(e -> add(e.getValue().value(), listener(bean, beanName, e.getKey())));
        return bean;
    }

    /** Adds a handler for {@code endpoint} after the annotated ones (an {@code EventHandler} bean named for it). */
    public void add(String endpoint, EventHandler handler) {
        byEndpoint.computeIfAbsent(endpoint, k -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Endpoints that have at least one listener. */
    public Set<String> endpoints() {
        return Set.copyOf(byEndpoint.keySet());
    }

    /** The handler an endpoint's events go to: every listener in order, the last non-empty response wins. */
    public EventHandler handlerFor(String endpoint) {
        // Listeners are registered while the context starts, after the receiver may have been built:
        // the chain is made at the first event and again only if the list grew since.
        java.util.concurrent.atomic.AtomicReference<Chained> chained = new java.util.concurrent.atomic.AtomicReference<>();
        return event -> {
            List<EventHandler> handlers = byEndpoint.getOrDefault(endpoint, List.of());
            if (handlers.isEmpty()) {
                throw new IllegalStateException("no @WebhookListener or EventHandler bean for endpoint '" + endpoint + "'");
            }
            Chained c = chained.get();
            if (c == null || c.size != handlers.size()) {
                c = new Chained(handlers.size(), EventHandler.chain(handlers.toArray(EventHandler[]::new)));
                chained.set(c);
            }
            return c.handler.handle(event);
        };
    }

    /** The chain of an endpoint's first {@code size} listeners. */
    private record Chained(int size, EventHandler handler) {
    }

    private static EventHandler listener(Object bean, String beanName, Method declared) {
        String where = beanName + "." + declared.getName();
        if (declared.getParameterCount() != 1 || declared.getParameterTypes()[0] != WebhookEvent.class) {
            throw new ConfigurationException("@WebhookListener method " + where + " must take exactly one WebhookEvent parameter");
        }
        Class<?> returns = declared.getReturnType();
        if (returns != void.class && returns != HandlerResponse.class) {
            throw new ConfigurationException("@WebhookListener method " + where + " must return void or HandlerResponse but returns " + returns.getName());
        }
        if (Modifier.isStatic(declared.getModifiers())) {
            throw new ConfigurationException("@WebhookListener method " + where + " must not be static");
        }
        // On the proxy when there is one, so @Transactional and other advice on the listener apply.
        Method invocable = AopUtils.selectInvocableMethod(declared, bean.getClass());
        invocable.setAccessible(true);
        return event -> {
            try {
                Object result = invocable.invoke(bean, event);
                return result instanceof HandlerResponse r ? r : HandlerResponse.empty();
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
        };
    }

    /** For start-up checks: listener endpoints not among {@code configured}. */
    public List<String> unknown(Set<String> configured) {
        List<String> out = new ArrayList<>();
        for (String name : byEndpoint.keySet()) {
            if (!configured.contains(name)) {
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }
}
