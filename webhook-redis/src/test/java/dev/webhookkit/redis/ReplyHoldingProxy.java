package dev.webhookkit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 in front of the local Redis that forwards every command at once but,
 * while {@link #holdReplies} is on, holds Redis's replies back: the client times out although its
 * command ran — the failure a network partition or a stalled proxy causes.
 */
final class ReplyHoldingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean hold;
    private volatile boolean closed;

    ReplyHoldingProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName(RedisTestServer.HOST));
        Thread acceptor = new Thread(this::acceptLoop, "redis-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void holdReplies(boolean hold) {
        this.hold = hold;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket(RedisTestServer.HOST, RedisTestServer.PORT);
                sockets.add(client);
                sockets.add(redis);
                pump(client, redis, false);
                pump(redis, client, true);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    // Replies wait while held (at most 10 s); the client has timed out and gone by then.
                    for (int waited = 0; replies && hold && waited < 1000; waited++) {
                        TimeUnit.MILLISECONDS.sleep(10);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side closed: the other follows
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, replies ? "redis-proxy-replies" : "redis-proxy-commands");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(ReplyHoldingProxy::closeQuietly);
    }
}
