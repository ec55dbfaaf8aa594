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
    private static final VerificationResult UNSIGNED = new VerificationResult(null, null);

    private final String matchedKeyId;
    private final Reason failure;

    private VerificationResult(String matchedKeyId, Reason failure) {
        this.matchedKeyId = matchedKeyId;
        this.failure = failure;
    }

    /** The signature matched the secret with this id. */
    public static VerificationResult valid(String matchedKeyId) {
        return new VerificationResult(Objects.requireNonNull(matchedKeyId, "matchedKeyId"), null);
    }

    /** Accepted without a signature check (an endpoint with no verifier). */
    public static VerificationResult unsigned() {
        return UNSIGNED;
    }

    /** Rejected; {@code reason} must be one of the 401 reasons. */
    public static VerificationResult invalid(Reason reason) {
        if (!Objects.requireNonNull(reason, "reason").isVerificationFailure()) {
            throw new IllegalArgumentException("not a verification failure: " + reason);
        }
        return new VerificationResult(null, reason);
    }

    public boolean isValid() {
        return failure == null;
    }

    /** The id of the secret that matched; empty when invalid or unsigned. */
    public Optional<String> matchedKeyId() {
        return Optional.ofNullable(matchedKeyId);
    }

    /** Why it failed; empty when valid. */
    public Optional<Reason> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationResult r && Objects.equals(r.matchedKeyId, matchedKeyId) && r.failure == failure;
    }

    @Override
    public int hashCode() {
        return Objects.hash(matchedKeyId, failure);
    }

    @Override
    public String toString() {
        return isValid() ? (matchedKeyId == null ? "unsigned" : "valid(" + matchedKeyId + ")") : "invalid(" + failure + ")";
    }
}
