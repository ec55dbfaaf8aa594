package dev.webhookkit.verify;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;

/** A third party's scheme: GitHub's algorithm under its own id and header, by delegation. */
final class TestScheme implements SignatureScheme {
    private final SignatureScheme delegate;
    private final String header;

    TestScheme(String header) {
        this.header = header;
        this.delegate = Schemes.hmacSha256(SchemeOptions.builder().signatureHeader(header).build());
    }

    String header() {
        return header;
    }

    @Override
    public String schemeId() {
        return "test-scheme";
    }

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        return delegate.verify(request, secrets);
    }

    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        return delegate.sign(input, secrets);
    }
}
