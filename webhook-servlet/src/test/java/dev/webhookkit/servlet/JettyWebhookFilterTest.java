package dev.webhookkit.servlet;

/** The shared suite on embedded Jetty 12 (ee10). */
class JettyWebhookFilterTest extends WebhookFilterContractTest {
    @Override
    ServletContainer newContainer() {
        return new JettyContainer();
    }
}
