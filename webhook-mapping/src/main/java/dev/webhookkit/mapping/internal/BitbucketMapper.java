package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bitbucket Cloud webhooks, by {@code X-Event-Key} (or the body's shape without it).
 * {@code repo:commit_status_created|updated}: FAILED triggers (policy default severity),
 * SUCCESSFUL resolves, STOPPED resolves as info, INPROGRESS changes nothing; keyed by repository,
 * status key and branch. {@code repo:push}: an informational trigger per pushed branch. Other
 * events: no alert.
 */
public final class BitbucketMapper extends ProviderMapper {
    private static final String SOURCE = "bitbucket";

    public BitbucketMapper(MappingPolicy policy) {
        super("bitbucket", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        String event = request.header("X-Event-Key").map(s -> s.trim().toLowerCase(Locale.ROOT))
                .orElseGet(() -> payload.has("commit_status") ? "repo:commit_status_updated"
                        : payload.has("push") ? "repo:push" : "");
        if (event.startsWith("repo:commit_status_")) {
            return commitStatus(payload);
        }
        if (event.equals("repo:push")) {
            return push(payload);
        }
        return List.of();
    }

    private List<Alert> commitStatus(JsonNode payload) {
        JsonNode cs = payload.path("commit_status");
        String state = Nodes.first(Nodes.text(cs, "state"), "").toUpperCase(Locale.ROOT);
        AlertStatus status;
        Severity severity = null;
        switch (state) {
            case "FAILED" -> status = AlertStatus.TRIGGER;
            case "SUCCESSFUL" -> status = AlertStatus.RESOLVE;
            case "STOPPED" -> {
                status = AlertStatus.RESOLVE;
                severity = Severity.INFO;
            }
            default -> {
                return List.of();
            }
        }
        String repo = Nodes.text(payload, "repository", "full_name");
        String ref = Nodes.text(cs, "refname");
        String name = Nodes.first(Nodes.text(cs, "name"), Nodes.text(cs, "key"), "Build");
        return List.of(alert(payload, SOURCE, status, severity)
                .title(name + ": " + state)
                .description(Nodes.text(cs, "description"))
                .service(repo)
                .dedupKey(Nodes.first(key(repo, Nodes.text(cs, "key"), ref), key(repo, Nodes.text(cs, "key"))))
                .label("repository", repo)
                .label("branch", ref)
                .label("state", state)
                .label("commit", Nodes.text(cs, "commit", "hash"))
                .link(Nodes.text(cs, "url"))
                .occurredAt(Timestamps.parse(Nodes.first(Nodes.text(cs, "updated_on"), Nodes.text(cs, "created_on")))
                        .orElse(null))
                .build());
    }

    private List<Alert> push(JsonNode payload) {
        String repo = Nodes.text(payload, "repository", "full_name");
        String who = Nodes.first(Nodes.text(payload, "actor", "display_name"), Nodes.text(payload, "actor", "nickname"), "someone");
        List<Alert> out = new ArrayList<>();
        for (JsonNode change : payload.path("push").path("changes")) {
            JsonNode target = change.path("new");
            if (!target.isObject()) {
                continue; // a deleted branch: nothing new to report
            }
            String branch = Nodes.text(target, "name");
            String hash = Nodes.text(target, "target", "hash");
            out.add(alert(payload, SOURCE, AlertStatus.TRIGGER, Severity.INFO)
                    .title(who + " pushed to " + repo + (branch == null ? "" : " " + branch))
                    .description(Nodes.text(target, "target", "message"))
                    .service(repo)
                    .dedupKey(key(repo == null || hash == null ? null : repo + "@" + hash))
                    .label("repository", repo)
                    .label("branch", branch)
                    .link(Nodes.text(change, "links", "html", "href"))
                    .occurredAt(Timestamps.parse(target.path("target").path("date")).orElse(null))
                    .build());
        }
        return out;
    }
}
