package dev.webhookkit.examples;

import java.util.List;

/**
 * The README's run command, {@code mvn -q -pl examples -am -DskipTests package exec:java}: the
 * whole library in one process (see {@link DemoScenario}), then a table of what each webhook came
 * to, the dispatcher's delivery log and what the forward and Slack-notify actions delivered. Exits 1 when an outcome is not the expected one or
 * something did not arrive in time, or when the second receiver refused a forward's signature.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        DemoReport report;
        try {
            report = DemoScenario.run();
        } catch (Exception e) {
            System.err.println("Demo failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            System.exit(1);
            return;
        }
        System.out.println("Receiver: Jetty 12 with WebhookFilter under /webhooks/{generic,alertmanager,github}");
        System.out.println("Sender:   WebhookDispatcher with one subscription to /webhooks/generic (HMAC-SHA256)");
        System.out.println();
        System.out.print(Tables.outcomes(report.outcomes()));
        System.out.println();
        System.out.println("Messages rendered by the generic endpoint's Mustache template:");
        System.out.print(Tables.messages(report.outcomes()));
        System.out.println();
        System.out.println("Delivery log of the published events:");
        System.out.print(Tables.deliveryLog(report.deliveries()));
        System.out.println();
        long verified = report.forwardVerdicts().stream().filter("verified"::equals).count();
        System.out.println("Actions of the generic endpoint (webhook-actions): " + report.forwardVerdicts().size()
                + " forward(s), re-signed HMAC-SHA256, " + verified + " verified by the second receiver; "
                + report.slackBodies().size() + " Slack message(s) at the fake Slack.");
        List<Outcome> unexpected = report.unexpected();
        if (!unexpected.isEmpty()) {
            unexpected.forEach(o -> System.err.println("Row " + o.number() + " (" + o.sent() + "): expected "
                    + o.expected().httpStatus() + " " + o.expected() + " but got " + o.httpStatus() + " " + o.reason()));
            System.exit(1);
        }
        if (verified != report.forwardVerdicts().size()) {
            System.err.println("The second receiver refused a forward: " + report.forwardVerdicts());
            System.exit(1);
        }
        System.out.println("All " + report.outcomes().size() + " webhooks came to the expected outcome.");
    }
}
