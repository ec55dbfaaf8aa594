package dev.webhookkit.verify;

import dev.webhookkit.verify.internal.Codec;
import dev.webhookkit.verify.internal.Ed25519Keys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Ed25519 key pairs generated once per test run, one per index, in raw form. */
final class TestKeys {
    private static final Map<Integer, KeyPair> PAIRS = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    static KeyPair pair(int n) {
        return PAIRS.computeIfAbsent(n, k -> {
            try {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static byte[] rawPrivate(int n) {
        return Ed25519Keys.rawPrivate(pair(n).getPrivate());
    }

    static byte[] rawPublic(int n) {
        return Ed25519Keys.rawPublic(pair(n).getPublic());
    }

    static String hex(byte[] bytes) {
        return Codec.encodeHex(bytes);
    }
}
