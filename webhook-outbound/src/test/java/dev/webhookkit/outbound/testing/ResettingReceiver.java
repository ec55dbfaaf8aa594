package dev.webhookkit.outbound.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP listener on 127.0.0.1 that reads the start of each request and then resets the connection (RST). */
public final class ResettingReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();

    public ResettingReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "resetting-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                InputStream in = s.getInputStream();
                in.read(new byte[64]);
                s.setSoLinger(true, 0);
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // next connection
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
