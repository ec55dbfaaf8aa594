package dev.webhookkit.jdbc;

import java.time.Clock;
import java.time.Duration;

/**
 * The dispatcher the crash test runs in a JVM of its own and kills with SIGKILL:
 * {@code java -cp <test classpath> dev.webhookkit.jdbc.DispatcherProcess <jdbcUrl> <tablePrefix> <receiverUrl> <instanceId> <leaseMillis>}.
 *
 * <p>The nodes use a fixed lease of claimBatch x 2 minutes, and the test cannot wait that long
 * for the lease of a killed instance to end. So this instance's clock runs behind by the lease
 * minus {@code leaseMillis}: its leases end {@code leaseMillis} after its claims in real time,
 * which is what the other instance (on the real clock) sees. The messages it is given are due in
 * the past of both clocks.
 */
public final class DispatcherProcess {
    private DispatcherProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: DispatcherProcess <jdbcUrl> <tablePrefix> <receiverUrl> <instanceId> <leaseMillis>");
            System.exit(2);
        }
        Duration realLease = Duration.ofMillis(Long.parseLong(args[4]));
        Clock behind = Clock.offset(Clock.systemUTC(), realLease.minus(DispatcherNode.LEASE));
        DispatcherNode node = new DispatcherNode(args[0], args[1], args[2], args[3], behind);
        System.out.println("dispatcher " + args[3] + " started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // runs until killed; never closes on purpose
        node.close();
    }
}
