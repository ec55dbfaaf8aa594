package dev.webhookkit.admin;

/** The inbound admin contract on Jetty. */
class JettyAdminContractTest extends AdminContractTest {
    @Override
    protected AdminServer newServer() {
        return new JettyAdminServer();
    }
}
