package dev.webhookkit.cli.internal;

import dev.webhookkit.core.VerificationResult;

/** The one wording of a verification result, shared by {@code verify} and {@code listen}. */
final class Verdicts {
    private Verdicts() {
    }

    /** {@code valid (secret: key-2)}, {@code valid (unsigned)} or {@code invalid: SIGNATURE_MISMATCH}. */
    static String describe(VerificationResult result) {
        if (!result.isValid()) {
            return "invalid: " + result.failure().orElseThrow().name();
        }
        return result.matchedKeyId().map(id -> "valid (secret: " + id + ")").orElse("valid (unsigned)");
    }
}
