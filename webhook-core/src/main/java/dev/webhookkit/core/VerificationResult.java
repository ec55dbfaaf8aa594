package dev.webhookkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a request's signature: valid (with the id of the secret that matched,
 * so hosts can see when an old secret stops being used) or a failure {@link Reason}.
 *
 * <p>Immutable and thread-safe.
 */
public final class VerificationResult {
    private static final VerificationResult UNSIGNED = new VerificationResult(null, null, null);

    private final String matchedKeyId;
    private final Reason failure;
    private final String authenticatedId;

    private VerificationResult(String matchedKeyId, Reason failure, String authenticatedId) {
        this.matchedKeyId = matchedKeyId;
        this.failure = failure;
        this.authenticatedId = authenticatedId;
    }

    /** The signature matched the secret with this id; it covers no delivery id of its own. */
    public static VerificationResult valid(String matchedKeyId) {
        return new VerificationResult(Objects.requireNonNull(matchedKeyId, "matchedKeyId"), null, null);
    }

    /**
     * The signature matched the secret with this id and covers the sender's delivery id
     * {@code authenticatedId} (Standard Webhooks' {@code webhook-id}, Svix's {@code svix-id}, SNS's
     * {@code MessageId} …). Deduplication keys on that id, since an attacker cannot change it
     * without breaking the signature.
     */
    public static VerificationResult valid(String matchedKeyId, String authenticatedId) {
        Objects.requireNonNull(authenticatedId, "authenticatedId");
        if (authenticatedId.isBlank()) {
            return valid(matchedKeyId);
        }
        return new VerificationResult(Objects.requireNonNull(matchedKeyId, "matchedKeyId"), null, authenticatedId);
    }

    /** Accepted without a signature check (an endpoint with no verifier). */
    public static VerificationResult unsigned() {
        return UNSIGNED;
    }

    /** Rejected; {@code reason} must be a {@linkplain Reason#isVerificationFailure() verification failure}. */
    public static VerificationResult invalid(Reason reason) {
        if (!Objects.requireNonNull(reason, "reason").isVerificationFailure()) {
            throw new IllegalArgumentException("not a verification failure: " + reason);
        }
        return new VerificationResult(null, reason, null);
    }

    public boolean isValid() {
        return failure == null;
    }

    /** The id of the secret that matched; empty when invalid or unsigned. */
    public Optional<String> matchedKeyId() {
        return Optional.ofNullable(matchedKeyId);
    }

    /**
     * The delivery id the signature covers; empty when the scheme signs none (then the body's hash
     * is the dedup key), or when invalid or unsigned.
     */
    public Optional<String> authenticatedId() {
        return Optional.ofNullable(authenticatedId);
    }

    /** Why it failed; empty when valid. */
    public Optional<Reason> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationResult r && Objects.equals(r.matchedKeyId, matchedKeyId) && r.failure == failure
                && Objects.equals(r.authenticatedId, authenticatedId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matchedKeyId, failure, authenticatedId);
    }

    @Override
    public String toString() {
        return isValid() ? (matchedKeyId == null ? "unsigned" : "valid(" + matchedKeyId + ")") : "invalid(" + failure + ")";
    }
}
