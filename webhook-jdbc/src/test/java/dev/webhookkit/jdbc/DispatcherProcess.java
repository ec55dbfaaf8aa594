package dev.webhookkit.jdbc;

import java.time.Clock;

/**
 * The dispatcher the crash test runs in a JVM of its own and kills with SIGKILL:
 * {@code java -cp <test classpath> dev.webhookkit.jdbc.DispatcherProcess <jdbcUrl> <tablePrefix> <receiverUrl> <instanceId>}.
 * It runs on the system clock, like the test's own instance: no clock is shifted, and the killed
 * instance's messages are taken over when its short, renewed leases end.
 */
public final class DispatcherProcess {
    private DispatcherProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: DispatcherProcess <jdbcUrl> <tablePrefix> <receiverUrl> <instanceId>");
            System.exit(2);
        }
        DispatcherNode node = new DispatcherNode(args[0], args[1], args[2], args[3], Clock.systemUTC());
        System.out.println("dispatcher " + args[3] + " started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // runs until killed; never closes on purpose
        node.close();
    }
}
