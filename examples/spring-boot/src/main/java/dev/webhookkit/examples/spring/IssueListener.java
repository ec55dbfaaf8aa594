package dev.webhookkit.examples.spring;

import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.spring.WebhookListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Handles verified GitHub deliveries: by the time this runs, the signature and dedup checks passed. */
@Component
public class IssueListener {
    private static final Logger log = LoggerFactory.getLogger(IssueListener.class);
    private final List<String> titles = new CopyOnWriteArrayList<>();

    @WebhookListener("github")
    public HandlerResponse onGithub(WebhookEvent event) {
        String title = event.payload().path("issue").path("title").asText("");
        titles.add(title);
        log.info("GitHub {} event {}: {}", event.eventType(), event.eventId(), title);
        return HandlerResponse.json("{\"ok\":true}");
    }

    /** Titles seen so far (for the example's test). */
    public List<String> titles() {
        return List.copyOf(titles);
    }
}
