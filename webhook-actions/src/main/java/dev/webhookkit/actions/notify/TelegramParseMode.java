package dev.webhookkit.actions.notify;

/** The {@code parse_mode} a Telegram notification is written in; its text is escaped for it. */
public enum TelegramParseMode {
    MARKDOWN_V2("MarkdownV2"),
    HTML("HTML");

    private final String wireName;

    TelegramParseMode(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the {@code parse_mode} field. */
    public String wireName() {
        return wireName;
    }
}
