package dev.webhookkit.jdbc;

import java.io.IOException;
import java.time.Clock;

/**
 * A dispatcher in a JVM of its own that delivers until its parent closes its standard input, then
 * closes cleanly (unlike {@link DispatcherProcess}, which runs until it is killed):
 * {@code java -cp <test classpath> dev.webhookkit.jdbc.DeliveringProcess <jdbcUrl> <tablePrefix> <receiverUrl> <instanceId>}.
 */
public final class DeliveringProcess {
    static final String READY = "ready to deliver";

    private DeliveringProcess() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: DeliveringProcess <jdbcUrl> <tablePrefix> <receiverUrl> <instanceId>");
            System.exit(2);
        }
        DispatcherNode node = new DispatcherNode(args[0], args[1], args[2], args[3], Clock.systemUTC());
        try {
            System.out.println("dispatcher " + args[3] + " " + READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // the parent never writes: end of input is the signal to stop
            }
        } finally {
            node.close();
        }
    }
}
