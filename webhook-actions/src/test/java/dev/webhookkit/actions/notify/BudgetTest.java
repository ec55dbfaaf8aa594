package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.actions.notify.Budget.Measure;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void keepsTextThatFitsAsItIs() {
        assertThat(Budget.escape("a<b", 10, Measure.CHARS, Escapes::slack)).isEqualTo("a&lt;b");
    }

    @Test
    void cutsBeforeAnEscapeSequenceRatherThanInsideIt() {
        String cut = Budget.escape("aaaa<<<<", 10, Measure.CHARS, Escapes::slack);
        // 4 a's + "&lt;" = 8, the next "&lt;" would pass 10 - 1 (ellipsis): stops there.
        assertThat(cut).isEqualTo("aaaa&lt;\u2026").hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String cut = Budget.escape("\uD83D\uDD25\uD83D\uDD25\uD83D\uDD25", 4, Measure.CHARS, Character::toString);
        assertThat(cut).isEqualTo("\uD83D\uDD25\u2026");
    }

    @Test
    void countsUtf8BytesWhenAskedTo() {
        String cut = Budget.plain("ééééé", 7, Measure.UTF8_BYTES); // 2 bytes each; ellipsis 3
        assertThat(cut).isEqualTo("éé\u2026");
        assertThat(Measure.UTF8_BYTES.of(cut)).isLessThanOrEqualTo(7);
    }

    /**
     * Property: whatever the text and the limit, the result fits, and without its ellipsis it is the
     * escape of a whole prefix of the input (code point by code point), so no escape was split.
     */
    @Test
    void escapedCutAlwaysFitsAndEndsOnAnEscapeBoundary() {
        Random random = new Random(13);
        String[] alphabet = {"a", "b", "<", ">", "&", "_", "*", "[", "]", "(", ")", ".", "!", "\\", "@", "\u00E9", "\uD83D\uDD25"};
        for (IntFunction<String> escape : java.util.List.<IntFunction<String>>of(Escapes::slack, Escapes::telegramMarkdownV2,
                Escapes::html, Escapes::markdown, Escapes::webex, Escapes::adaptiveCard)) {
            for (int run = 0; run < 300; run++) {
                StringBuilder raw = new StringBuilder();
                int length = random.nextInt(60);
                for (int i = 0; i < length; i++) {
                    raw.append(alphabet[random.nextInt(alphabet.length)]);
                }
                int max = 2 + random.nextInt(40);
                String cut = Budget.escape(raw.toString(), max, Measure.CHARS, escape);
                assertThat(cut.length()).isLessThanOrEqualTo(max);
                String body = cut.endsWith(Budget.ELLIPSIS) ? cut.substring(0, cut.length() - 1) : cut;
                java.util.Set<String> boundaries = new java.util.HashSet<>();
                StringBuilder prefix = new StringBuilder();
                boundaries.add("");
                raw.codePoints().forEach(cp -> boundaries.add(prefix.append(escape.apply(cp)).toString()));
                assertThat(boundaries).as("cut of '%s' at %d", raw, max).contains(body);
            }
        }
    }
}
