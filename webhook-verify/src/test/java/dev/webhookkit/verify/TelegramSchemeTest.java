package dev.webhookkit.verify;

/** telegram: the contract suite, with secrets in the form Telegram accepts for {@code secret_token}. */
class TelegramSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.telegram();
    }

    @Override
    String signingSecret(int n) {
        return "tg_contract-Secret-" + n; // Telegram allows only A-Z a-z 0-9 _ - (1 to 256)
    }

    @Override
    String signatureHeader() {
        return "X-Telegram-Bot-Api-Secret-Token";
    }

    @Override
    boolean signsBody() {
        return false;
    }

    @Override
    dev.webhookkit.core.Reason garbledReason() {
        return dev.webhookkit.core.Reason.SIGNATURE_MISMATCH; // any text is a token, just not the right one
    }
}
