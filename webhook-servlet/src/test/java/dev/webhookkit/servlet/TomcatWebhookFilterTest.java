package dev.webhookkit.servlet;

/** The shared suite on embedded Tomcat 10.1. */
class TomcatWebhookFilterTest extends WebhookFilterContractTest {
    @Override
    ServletContainer newContainer() {
        return new TomcatContainer();
    }
}
