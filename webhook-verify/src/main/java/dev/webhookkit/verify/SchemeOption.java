package dev.webhookkit.verify;

/**
 * One setting of {@link SchemeOptions}. Each {@link SchemeDescriptor} declares the ones its scheme
 * honours; building a scheme with any other one set is a {@link dev.webhookkit.core.ConfigurationException}
 * rather than a setting silently dropped.
 */
public enum SchemeOption {
    SIGNATURE_HEADER("signatureHeader"),
    PREFIX("prefix"),
    ENCODING("encoding"),
    ACCEPT_HEADER("acceptHeader"),
    TIMESTAMP_HEADER("timestampHeader"),
    TIMESTAMP_POLICY("timestampPolicy"),
    SNS_CERTIFICATE_SOURCE("snsCertificateSource"),
    SNS_TOPIC_ARNS("snsTopicArns"),
    MAX_HEADER_LENGTH("maxHeaderLength");

    private final String settingName;

    SchemeOption(String settingName) {
        this.settingName = settingName;
    }

    /** The name of the {@link SchemeOptions.Builder} method that sets it, as error messages show it. */
    public String settingName() {
        return settingName;
    }
}
