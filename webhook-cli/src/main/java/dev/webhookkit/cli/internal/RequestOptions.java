package dev.webhookkit.cli.internal;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that describe an inbound request besides its body: headers, URL and form parameters. */
public final class RequestOptions {

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", converter = HeaderLine.Converter.class,
            description = "A request header, as received; repeat for several.")
    List<HeaderLine> headers = new ArrayList<>();

    @Option(names = "--url", paramLabel = "URL",
            description = "The full URL the sender addressed (Twilio-style schemes sign it).")
    String url;

    @Option(names = "--param", paramLabel = "name=value", converter = FormParam.Converter.class,
            description = "A POST form parameter (decoded); the parameters become the form body. Repeat for several.")
    List<FormParam> params = new ArrayList<>();
}
