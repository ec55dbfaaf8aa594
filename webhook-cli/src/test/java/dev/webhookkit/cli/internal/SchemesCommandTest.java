package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.verify.Schemes;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemesCommandTest {

    @Test
    void listsEveryRegisteredSchemeWithWhatItNeedsAndTakes() {
        Cli.Result r = Cli.create().run("schemes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.outLines();
        assertThat(lines).extracting(l -> l.split(" +")[0]).containsExactlyElementsOf(Schemes.ids());
        assertThat(line(lines, "github")).contains(" secret ", " signs ", "--signature-header,--prefix,--encoding", "GitHub")
                .doesNotContain("--tolerance");
        assertThat(line(lines, "stripe")).contains(" --tolerance ").doesNotContain("--signature-header");
        assertThat(line(lines, "sns")).contains(" no-secret ", " verifies ", "AWS SNS");
        assertThat(line(lines, "telegram")).contains(" secret ", " signs ", "--signature-header", "X-Telegram-Bot-Api-Secret-Token");
        assertThat(line(lines, "agnox")).contains(" secret ", " signs ", "--signature-header,--prefix,--encoding",
                "x-agnox-signature: sha256=<hex>");
    }

    @Test
    void aFlagTheSchemeDoesNotUseIsAUsageError() {
        Cli.Result tolerance = Cli.create().stdin("x").run("verify", "--scheme", "github", "--secret", "s", "--tolerance", "60",
                "-H", "X-Hub-Signature-256: sha256=00");
        Cli.Result header = Cli.create().stdin("x").run("sign", "--scheme", "stripe", "--secret", "whsec_x", "--signature-header", "X-Sig");
        Cli.Result prefix = Cli.create().stdin("x").run("listen", "--port", "0", "--scheme", "slack", "--secret", "s", "--prefix", "v1=");

        assertThat(tolerance.exitCode()).as(tolerance.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(tolerance.err()).contains("scheme github does not use --tolerance");
        assertThat(tolerance.out()).isEmpty();
        assertThat(header.exitCode()).as(header.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(header.err()).contains("scheme stripe does not use --signature-header");
        assertThat(prefix.exitCode()).as(prefix.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(prefix.err()).contains("scheme slack does not use --prefix");
    }

    @Test
    void aFlagTheSchemeUsesStillWorks() {
        Cli.Result r = Cli.create().stdin("x").run("verify", "--scheme", "stripe", "--secret", "whsec_x", "--tolerance", "60",
                "-H", "Stripe-Signature: t=1,v1=00");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.out()).startsWith("invalid: ");
    }

    private static String line(List<String> lines, String id) {
        return lines.stream().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
    }
}
