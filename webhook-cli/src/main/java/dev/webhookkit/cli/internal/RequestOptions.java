package dev.webhookkit.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options that describe a request besides its body, as picocli mixins. */
public final class RequestOptions {
    private RequestOptions() {
    }

    /** {@code -H 'Name: value'}, repeatable: headers as received. */
    public static final class HeaderOptions {
        @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", converter = HeaderLine.Converter.class,
                description = "A request header, as received (signature, timestamp, event type, Content-Type ...); "
                        + "repeat for several.")
        List<HeaderLine> headers = new ArrayList<>();
    }

    /** {@code --url} and {@code --param}, for schemes that sign the URL and the form parameters (Twilio). */
    public static final class FormOptions {
        @Option(names = "--url", paramLabel = "URL",
                description = "The full URL the webhook is addressed to (Twilio-style schemes sign it).")
        String url;

        @Option(names = "--param", paramLabel = "name=value", converter = FormParam.Converter.class,
                description = "A POST form parameter (decoded); the parameters become the form body, "
                        + "so standard input is not read. Repeat for several.")
        List<FormParam> params = new ArrayList<>();

        /** The form-encoded parameters when there are any, else the file or standard input. */
        byte[] body(CommandSpec spec, CliEnvironment env, Path bodyFile) {
            if (params.isEmpty()) {
                return BodyInput.read(spec, env, bodyFile, "--body-file");
            }
            if (bodyFile != null) {
                throw Usage.error(spec, "--param and --body-file cannot be used together: the parameters are the body");
            }
            return FormParam.formBody(params);
        }
    }
}
