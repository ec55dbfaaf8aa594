package dev.webhookkit.admin;

/** Health during a store outage, on Tomcat. */
class TomcatStoreOutageContractTest extends StoreOutageContractTest {
    @Override
    protected AdminServer newServer() {
        return new TomcatAdminServer();
    }
}
