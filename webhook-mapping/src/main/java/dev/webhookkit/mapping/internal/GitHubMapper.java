package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.util.List;
import java.util.Locale;

/**
 * GitHub repository webhooks, by {@code X-GitHub-Event} (or the body's shape without it).
 * <ul>
 *   <li>{@code workflow_run}, {@code check_run}: completed with failure|timed_out|startup_failure
 *       triggers (policy default severity), success resolves; other conclusions and actions change
 *       nothing. Keyed by repository, workflow (or check name) and branch.</li>
 *   <li>{@code issues}: opened|reopened trigger, closed resolves; severity from a
 *       {@code sev:}/{@code severity:}/{@code priority:} label, else info.</li>
 *   <li>{@code push}: an informational trigger, keyed by the pushed commit.</li>
 *   <li>anything else (ping, stars …): no alert.</li>
 * </ul>
 */
public final class GitHubMapper extends ProviderMapper {
    private static final String SOURCE = "github";

    public GitHubMapper(MappingPolicy policy) {
        super("github", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        String event = request.header("X-GitHub-Event").map(s -> s.trim().toLowerCase(Locale.ROOT)).orElseGet(() -> sniff(payload));
        return switch (event) {
            case "workflow_run" -> run(payload, payload.path("workflow_run"), "workflow",
                    Nodes.text(payload, "workflow_run", "workflow_id"), Nodes.text(payload, "workflow_run", "head_branch"));
            case "check_run" -> run(payload, payload.path("check_run"), "check", Nodes.text(payload, "check_run", "name"),
                    Nodes.text(payload, "check_run", "check_suite", "head_branch"));
            case "issues" -> issue(payload);
            case "push" -> push(payload);
            default -> List.of();
        };
    }

    private static String sniff(JsonNode payload) {
        if (payload.has("workflow_run")) {
            return "workflow_run";
        }
        if (payload.has("check_run")) {
            return "check_run";
        }
        if (payload.has("issue") && !payload.has("comment")) {
            return "issues";
        }
        if (payload.has("pusher") && payload.has("after")) {
            return "push";
        }
        return "";
    }

    private List<Alert> run(JsonNode payload, JsonNode run, String kind, String id, String branch) {
        if (!"completed".equalsIgnoreCase(Nodes.text(payload, "action"))) {
            return List.of();
        }
        String conclusion = Nodes.first(Nodes.text(run, "conclusion"), "").toLowerCase(Locale.ROOT);
        AlertStatus status;
        String verb;
        switch (conclusion) {
            case "failure" -> {
                status = AlertStatus.TRIGGER;
                verb = "failed";
            }
            case "timed_out" -> {
                status = AlertStatus.TRIGGER;
                verb = "timed out";
            }
            case "startup_failure" -> {
                status = AlertStatus.TRIGGER;
                verb = "failed to start";
            }
            case "success" -> {
                status = AlertStatus.RESOLVE;
                verb = "succeeded";
            }
            default -> {
                return List.of();
            }
        }
        String repo = Nodes.text(payload, "repository", "full_name");
        String name = Nodes.first(Nodes.text(run, "name"), kind);
        return List.of(alert(payload, SOURCE, status, (Severity) null)
                .title(name + " " + verb + " on " + repo + (branch == null ? "" : "@" + branch))
                .description(Nodes.first(Nodes.text(run, "display_title"), Nodes.text(run, "head_commit", "message"),
                        Nodes.text(run, "output", "title")))
                .service(repo)
                .dedupKey(Nodes.first(key(repo, kind, id, branch), key(repo, kind, id)))
                .label("repository", repo)
                .label("branch", branch)
                .label("conclusion", conclusion)
                .label("run_id", Nodes.text(run, "id"))
                .label("commit", Nodes.text(run, "head_sha"))
                .link(Nodes.first(Nodes.text(run, "html_url"), Nodes.text(run, "details_url")))
                .occurredAt(Timestamps.parse(Nodes.first(Nodes.text(run, "updated_at"), Nodes.text(run, "completed_at")))
                        .orElse(null))
                .build());
    }

    private List<Alert> issue(JsonNode payload) {
        String action = Nodes.first(Nodes.text(payload, "action"), "").toLowerCase(Locale.ROOT);
        AlertStatus status;
        switch (action) {
            case "opened", "reopened" -> status = AlertStatus.TRIGGER;
            case "closed" -> status = AlertStatus.RESOLVE;
            default -> {
                return List.of();
            }
        }
        JsonNode issue = payload.path("issue");
        String repo = Nodes.text(payload, "repository", "full_name");
        List<String> labelNames = issue.path("labels").findValuesAsText("name");
        String severityWord = severityLabel(labelNames);
        Severity severity = Nodes.first(severity(severityWord, Tables.LABEL_SEVERITY), Severity.INFO);
        String number = Nodes.text(issue, "number");
        return List.of(alert(payload, SOURCE, status, severity)
                .rawSeverity(rawSeverity(severityWord))
                .title(Nodes.first(Nodes.text(issue, "title"), "Issue #" + number))
                .description(Nodes.text(issue, "body"))
                .service(repo)
                .dedupKey(key(repo == null || number == null ? null : repo + "#" + number))
                .label("repository", repo)
                .label("issue_labels", labelNames.isEmpty() ? null : String.join(",", labelNames))
                .link(Nodes.text(issue, "html_url"))
                .occurredAt(Timestamps.parse(Nodes.first(Nodes.text(issue, "closed_at"), Nodes.text(issue, "updated_at"),
                        Nodes.text(issue, "created_at"))).orElse(null))
                .build());
    }

    private List<Alert> push(JsonNode payload) {
        String repo = Nodes.text(payload, "repository", "full_name");
        String ref = Nodes.text(payload, "ref");
        String branch = ref != null && ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
        int commits = payload.path("commits").size();
        String who = Nodes.first(Nodes.text(payload, "pusher", "name"), Nodes.text(payload, "sender", "login"), "someone");
        String after = Nodes.text(payload, "after");
        return List.of(alert(payload, SOURCE, AlertStatus.TRIGGER, Severity.INFO)
                .title(who + " pushed " + commits + (commits == 1 ? " commit" : " commits") + " to " + repo
                        + (branch == null ? "" : " " + branch))
                .description(Nodes.text(payload, "head_commit", "message"))
                .service(repo)
                .dedupKey(key(repo == null || after == null ? null : repo + "@" + after))
                .label("repository", repo)
                .label("branch", branch)
                .link(Nodes.text(payload, "compare"))
                .occurredAt(Timestamps.parse(payload.path("head_commit").path("timestamp")).orElse(null))
                .build());
    }

    /** "sev:high", "severity: critical", "priority:p1" → the word after the prefix. */
    private static String severityLabel(List<String> labels) {
        for (String l : labels) {
            String lower = l.toLowerCase(Locale.ROOT);
            for (String prefix : new String[] {"sev:", "severity:", "priority:", "sev/", "severity/", "priority/"}) {
                if (lower.startsWith(prefix)) {
                    return l.substring(prefix.length()).trim();
                }
            }
        }
        return null;
    }
}
