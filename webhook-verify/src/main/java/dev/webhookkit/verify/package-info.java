/** Signature schemes that both sign and verify webhooks: GitHub, Stripe, Standard Webhooks, Slack, SNS and more. */
package dev.webhookkit.verify;
