package dev.webhookkit.outbound.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP receiver on 127.0.0.1 that never finishes an answer: it either sends the headers of a
 * long answer and then one body byte every 200 ms, or accepts and stays silent. It counts the
 * connections the client gave up on (closed), so a test can see that a timed-out exchange was
 * really cancelled rather than left running.
 */
public final class StallingReceiver implements AutoCloseable {
    /** How the receiver misbehaves. */
    public enum Mode {
        /** Headers of a 200 with a 1 MB body, then one byte every 200 ms. */
        TRICKLE,
        /** Accepts the connection, reads the request, never answers. */
        SILENT
    }

    private static final long BYTE_INTERVAL_MILLIS = 200;
    /** Bounds every connection so a test that forgets to close cannot leave a thread running for ever. */
    private static final long MAX_CONNECTION_MILLIS = 60_000;

    private final Mode mode;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();

    private StallingReceiver(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "stalling-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static StallingReceiver start(Mode mode) throws IOException {
        return new StallingReceiver(mode);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections the client closed while the receiver was still (not) answering. */
    public int abandoned() {
        return abandoned.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "stalling-receiver-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        long end = System.currentTimeMillis() + MAX_CONNECTION_MILLIS;
        try (s) {
            InputStream in = s.getInputStream();
            in.read(new byte[8192]);
            if (mode == Mode.TRICKLE) {
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (System.currentTimeMillis() < end) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(BYTE_INTERVAL_MILLIS);
                }
            } else {
                s.setSoTimeout((int) BYTE_INTERVAL_MILLIS);
                while (System.currentTimeMillis() < end) {
                    try {
                        if (in.read() < 0) {
                            abandoned.incrementAndGet(); // the client closed its side
                            return;
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // still open; keep waiting
                    }
                }
            }
        } catch (IOException e) {
            if (!server.isClosed()) {
                abandoned.incrementAndGet(); // writing to a connection the client closed
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
