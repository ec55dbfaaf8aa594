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
 * GitLab webhooks, by {@code X-Gitlab-Event} (or {@code object_kind} without it).
 * <ul>
 *   <li>Pipeline Hook: failed triggers (policy default severity), success resolves, canceled
 *       resolves as info, other statuses change nothing; keyed by project, "pipeline" and ref.</li>
 *   <li>Job Hook: the same for one job, keyed by project, job name and ref; an allowed failure
 *       triggers as a warning.</li>
 *   <li>Issue Hook for incidents ({@code type} Incident): open|reopen trigger, close resolves;
 *       severity critical|high|medium|low. Ordinary issues: no alert.</li>
 * </ul>
 * GitLab writes times as {@code 2016-08-12 15:23:28 UTC}; {@link Timestamps} reads them.
 */
public final class GitLabMapper extends ProviderMapper {
    private static final String SOURCE = "gitlab";

    private static final Words<Severity> INCIDENT_SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "critical")
            .put(Severity.ERROR, "high")
            .put(Severity.WARNING, "medium")
            .put(Severity.INFO, "low", "unknown")
            .build();

    public GitLabMapper(MappingPolicy policy) {
        super("gitlab", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        String event = request.header("X-Gitlab-Event").map(s -> s.trim().toLowerCase(Locale.ROOT))
                .orElseGet(() -> Nodes.first(Nodes.text(payload, "object_kind"), "").toLowerCase(Locale.ROOT) + " hook");
        return switch (event) {
            case "pipeline hook" -> pipeline(payload);
            case "job hook", "build hook" -> job(payload);
            case "issue hook", "confidential issue hook" -> incident(payload);
            default -> List.of();
        };
    }

    private List<Alert> pipeline(JsonNode payload) {
        JsonNode attrs = payload.path("object_attributes");
        String state = Nodes.first(Nodes.text(attrs, "status"), "").toLowerCase(Locale.ROOT);
        Outcome outcome = outcome(state, false);
        if (outcome == null) {
            return List.of();
        }
        String project = Nodes.text(payload, "project", "path_with_namespace");
        String ref = Nodes.text(attrs, "ref");
        String name = Nodes.first(Nodes.text(attrs, "name"), "Pipeline #" + Nodes.first(Nodes.text(attrs, "id"), "?"));
        return List.of(alert(payload, SOURCE, outcome.status, outcome.severity)
                .title(name + " " + outcome.verb + " (" + project + ")")
                .description(Nodes.text(payload, "commit", "title"))
                .service(project)
                .dedupKey(Nodes.first(key(project, "pipeline", ref), key(project, "pipeline")))
                .label("project", project)
                .label("ref", ref)
                .label("status", state)
                .label("pipeline_id", Nodes.text(attrs, "id"))
                .label("commit", Nodes.text(attrs, "sha"))
                .label("failed_jobs", failedJobs(payload.path("builds")))
                .link(Nodes.text(attrs, "url"))
                .occurredAt(Timestamps.parse(Nodes.first(Nodes.text(attrs, "finished_at"), Nodes.text(attrs, "created_at")))
                        .orElse(null))
                .build());
    }

    private List<Alert> job(JsonNode payload) {
        String state = Nodes.first(Nodes.text(payload, "build_status"), "").toLowerCase(Locale.ROOT);
        Outcome outcome = outcome(state, payload.path("build_allow_failure").asBoolean(false));
        if (outcome == null) {
            return List.of();
        }
        String project = Nodes.first(Nodes.text(payload, "project", "path_with_namespace"), Nodes.text(payload, "project_name"));
        String ref = Nodes.text(payload, "ref");
        String job = Nodes.first(Nodes.text(payload, "build_name"), "job");
        String projectUrl = Nodes.first(Nodes.text(payload, "project", "web_url"), Nodes.text(payload, "repository", "homepage"));
        String buildId = Nodes.text(payload, "build_id");
        return List.of(alert(payload, SOURCE, outcome.status, outcome.severity)
                .title("Job " + job + " " + outcome.verb + " (" + project + ")")
                .description(Nodes.text(payload, "build_failure_reason"))
                .service(project)
                .dedupKey(Nodes.first(key(project, "job", job, ref), key(project, "job", job)))
                .label("project", project)
                .label("ref", ref)
                .label("stage", Nodes.text(payload, "build_stage"))
                .label("status", state)
                .label("pipeline_id", Nodes.text(payload, "pipeline_id"))
                .link(projectUrl == null || buildId == null ? null : projectUrl + "/-/jobs/" + buildId)
                .occurredAt(Timestamps.parse(Nodes.first(Nodes.text(payload, "build_finished_at"),
                        Nodes.text(payload, "build_started_at"), Nodes.text(payload, "build_created_at"))).orElse(null))
                .build());
    }

    private List<Alert> incident(JsonNode payload) {
        JsonNode attrs = payload.path("object_attributes");
        String type = Nodes.first(Nodes.text(attrs, "type"), Nodes.text(attrs, "issue_type"), "");
        if (!type.equalsIgnoreCase("incident")) {
            return List.of();
        }
        String action = Nodes.first(Nodes.text(attrs, "action"), "").toLowerCase(Locale.ROOT);
        AlertStatus status;
        switch (action) {
            case "open", "reopen" -> status = AlertStatus.TRIGGER;
            case "close" -> status = AlertStatus.RESOLVE;
            default -> {
                return List.of();
            }
        }
        String project = Nodes.text(payload, "project", "path_with_namespace");
        String iid = Nodes.text(attrs, "iid");
        return List.of(alert(payload, SOURCE, status, Nodes.text(attrs, "severity"), INCIDENT_SEVERITY)
                .title(Nodes.first(Nodes.text(attrs, "title"), "Incident #" + iid))
                .description(Nodes.text(attrs, "description"))
                .service(project)
                .dedupKey(key(project == null || iid == null ? null : project + "#" + iid))
                .label("project", project)
                .label("escalation_status", Nodes.text(attrs, "escalation_status"))
                .link(Nodes.text(attrs, "url"))
                .occurredAt(Timestamps.parse(Nodes.first(Nodes.text(attrs, "closed_at"), Nodes.text(attrs, "updated_at"),
                        Nodes.text(attrs, "created_at"))).orElse(null))
                .build());
    }

    private record Outcome(AlertStatus status, Severity severity, String verb) {
    }

    /** failed triggers, success resolves, canceled resolves as info; others (running, pending …) are null. */
    private static Outcome outcome(String state, boolean allowedToFail) {
        return switch (state) {
            case "failed" -> new Outcome(AlertStatus.TRIGGER, allowedToFail ? Severity.WARNING : null, "failed");
            case "success" -> new Outcome(AlertStatus.RESOLVE, null, "succeeded");
            case "canceled", "cancelled" -> new Outcome(AlertStatus.RESOLVE, Severity.INFO, "canceled");
            default -> null;
        };
    }

    private static String failedJobs(JsonNode builds) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode b : builds) {
            if ("failed".equalsIgnoreCase(Nodes.text(b, "status")) && Nodes.text(b, "name") != null) {
                sb.append(sb.length() == 0 ? "" : ",").append(Nodes.text(b, "name"));
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
