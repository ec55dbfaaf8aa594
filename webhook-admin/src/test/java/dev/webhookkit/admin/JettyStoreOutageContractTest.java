package dev.webhookkit.admin;

/** Health during a store outage, on Jetty. */
class JettyStoreOutageContractTest extends StoreOutageContractTest {
    @Override
    protected AdminServer newServer() {
        return new JettyAdminServer();
    }
}
