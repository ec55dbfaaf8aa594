package dev.webhookkit.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Receives GitHub issue events at POST /webhooks/github; the secret comes from GITHUB_WEBHOOK_SECRET. */
@SpringBootApplication
public class GithubWebhookApplication {
    public static void main(String[] args) {
        SpringApplication.run(GithubWebhookApplication.class, args);
    }
}
