package dev.webhookkit.admin;

/** The outbound admin contract on the JDK HttpServer. */
class JdkOutboundContractTest extends OutboundContractTest {
    @Override
    protected AdminServer newServer() {
        return new JdkAdminServer();
    }
}
