package dev.webhookkit.admin;

/** The inbound admin contract on Jdk. */
class JdkAdminContractTest extends AdminContractTest {
    @Override
    protected AdminServer newServer() {
        return new JdkAdminServer();
    }
}
