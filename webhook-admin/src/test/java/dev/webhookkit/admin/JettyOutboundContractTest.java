package dev.webhookkit.admin;

/** The outbound admin contract on Jetty. */
class JettyOutboundContractTest extends OutboundContractTest {
    @Override
    protected AdminServer newServer() {
        return new JettyAdminServer();
    }
}
