package dev.webhookkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/** The local Redis the {@code services} tests use (127.0.0.1:6379), and a port where nothing listens. */
final class RedisTestServer {
    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    private RedisTestServer() {
    }

    /** A new client of the local Redis with short timeouts; the caller closes it. */
    static RedisClient client() {
        return client(PORT);
    }

    static RedisClient client(int port) {
        return RedisClient.builder()
                .hostAndPort(HOST, port)
                .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(2000).build())
                .build();
    }

    /** A fresh key prefix, so test classes and runs never see each other's keys. */
    static String uniquePrefix(String what) {
        return "webhookkit-test:" + what + ":" + UUID.randomUUID() + ":";
    }

    /** A port on 127.0.0.1 where nothing listens: bound once by the OS, then released. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
