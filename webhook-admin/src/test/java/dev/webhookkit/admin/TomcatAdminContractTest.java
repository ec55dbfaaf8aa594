package dev.webhookkit.admin;

/** The inbound admin contract on Tomcat. */
class TomcatAdminContractTest extends AdminContractTest {
    @Override
    protected AdminServer newServer() {
        return new TomcatAdminServer();
    }
}
