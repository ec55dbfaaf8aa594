package dev.webhookkit.verify;

import dev.webhookkit.core.WebhookException;
import dev.webhookkit.verify.internal.Codec;
import dev.webhookkit.verify.internal.Ed25519Keys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh secrets and key pairs in the formats the schemes read, for senders creating endpoints and
 * for tests. Uses {@link SecureRandom}; thread-safe.
 */
public final class SigningKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningKeys() {
    }

    /**
     * A Standard Webhooks / Svix secret: {@code whsec_} and the base64 of 32 random bytes. Also a
     * good secret for every other HMAC scheme (they use it as text).
     */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * An unguessable URL path segment for {@code Endpoint.Builder.urlToken} (GNETiX's "generated
     * URL + secret"): the base64url of 32 random bytes without padding, 43 characters of
     * {@code A-Z a-z 0-9 _ -}, so it needs no escaping in a URL (and is a valid Telegram
     * {@code secret_token}). The receiver compares it in constant time. It is not a signature: it
     * travels in the URL (proxy and access logs), so an endpoint with one still needs a verifier
     * unless it opts out with {@code allowUnsigned()}.
     */
    public static String newUrlToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** A new Ed25519 key pair for {@code standard-webhooks-ed25519} and {@code discord}. */
    public static Ed25519KeyPair newEd25519KeyPair() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Ed25519KeyPair(Ed25519Keys.rawPrivate(pair.getPrivate()), Ed25519Keys.rawPublic(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new WebhookException("Ed25519 is not available in this JDK", e);
        }
    }

    /** An Ed25519 key pair as raw bytes, with the encodings the schemes read. {@link #toString()} hides the private key. */
    public static final class Ed25519KeyPair {
        private final byte[] privateSeed;
        private final byte[] publicKey;

        private Ed25519KeyPair(byte[] privateSeed, byte[] publicKey) {
            this.privateSeed = privateSeed;
            this.publicKey = publicKey;
        }

        /** {@code whsk_<base64 seed>}: the signing secret of {@code standard-webhooks-ed25519}. */
        public String standardWebhooksSecretKey() {
            return "whsk_" + Base64.getEncoder().encodeToString(privateSeed);
        }

        /** {@code whpk_<base64 public key>}: what receivers verify {@code standard-webhooks-ed25519} with. */
        public String standardWebhooksPublicKey() {
            return "whpk_" + Base64.getEncoder().encodeToString(publicKey);
        }

        /** The 32-byte seed in hex: the signing secret of {@code discord}. */
        public String privateKeyHex() {
            return Codec.encodeHex(privateSeed);
        }

        /** The 32-byte public key in hex, as Discord's developer portal shows it. */
        public String publicKeyHex() {
            return Codec.encodeHex(publicKey);
        }

        @Override
        public String toString() {
            return "Ed25519KeyPair[public=" + publicKeyHex() + ", private=****]";
        }
    }
}
