package dev.webhookkit.cli.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.SchemeDescriptor;
import dev.webhookkit.verify.SchemeOption;
import dev.webhookkit.verify.SchemeOptions;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureEncoding;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.util.Iterator;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options that pick and adapt a signature scheme, shared by {@code verify}, {@code sign} and {@code listen}. */
public final class SchemeSelection {

    @Option(names = "--scheme", required = true, paramLabel = "ID", completionCandidates = SchemeIds.class,
            description = "Signature scheme: ${COMPLETION-CANDIDATES}.")
    String scheme;

    @Option(names = "--signature-header", paramLabel = "NAME",
            description = "Header that carries the signature, instead of the scheme's own.")
    String signatureHeader;

    @Option(names = "--prefix", paramLabel = "P",
            description = "Text before the encoded signature (e.g. 'sha256='); use '' for none.")
    String prefix;

    @Option(names = "--encoding", paramLabel = "hex|base64",
            description = "How the signature bytes are written: hex or base64.")
    SignatureEncoding encoding;

    /**
     * The scheme with these options, or a usage error naming the bad option; {@code timestampPolicy}
     * comes from {@code --tolerance}. An option the scheme does not use is an error, as in the library.
     */
    SignatureScheme resolve(CommandSpec spec, Optional<TimestampPolicy> timestampPolicy) {
        if (!Schemes.ids().contains(scheme)) {
            throw Usage.unknownId(spec, "--scheme", scheme, Schemes.ids());
        }
        SchemeDescriptor descriptor = Schemes.descriptor(scheme);
        refuseUnused(spec, descriptor, SchemeOption.SIGNATURE_HEADER, signatureHeader != null, "--signature-header");
        refuseUnused(spec, descriptor, SchemeOption.PREFIX, prefix != null, "--prefix");
        refuseUnused(spec, descriptor, SchemeOption.ENCODING, encoding != null, "--encoding");
        refuseUnused(spec, descriptor, SchemeOption.TIMESTAMP_POLICY, timestampPolicy.isPresent(), "--tolerance");
        SchemeOptions.Builder options = SchemeOptions.builder();
        if (signatureHeader != null) {
            try {
                options.signatureHeader(signatureHeader);
            } catch (ConfigurationException e) {
                throw Usage.error(spec, "--signature-header: '" + signatureHeader + "' is not an HTTP header name");
            }
        }
        if (prefix != null) {
            options.prefix(prefix);
        }
        if (encoding != null) {
            options.encoding(encoding);
        }
        timestampPolicy.ifPresent(options::timestampPolicy);
        try {
            return Schemes.byId(scheme, options.build());
        } catch (ConfigurationException e) {
            throw Usage.error(spec, e.getMessage());
        }
    }

    private static void refuseUnused(CommandSpec spec, SchemeDescriptor d, SchemeOption option, boolean given, String flag) {
        if (given && !d.honours(option)) {
            throw Usage.error(spec, "scheme " + d.id() + " does not use " + flag + " (run 'webhook schemes' for what each scheme takes)");
        }
    }

    /** The known scheme ids, for help text and shell completion. */
    public static final class SchemeIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Schemes.ids().iterator();
        }
    }
}
