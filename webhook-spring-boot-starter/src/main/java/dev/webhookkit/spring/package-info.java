/** Spring Boot auto-configuration for webhookkit: properties, {@code @WebhookListener} methods, the dispatcher, health and the admin API. */
package dev.webhookkit.spring;
