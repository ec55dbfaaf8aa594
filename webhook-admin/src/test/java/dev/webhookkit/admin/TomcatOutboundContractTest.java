package dev.webhookkit.admin;

/** The outbound admin contract on Tomcat. */
class TomcatOutboundContractTest extends OutboundContractTest {
    @Override
    protected AdminServer newServer() {
        return new TomcatAdminServer();
    }
}
