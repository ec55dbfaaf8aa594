/** A Spring Boot application receiving GitHub webhooks through webhook-spring-boot-starter. */
package dev.webhookkit.examples.spring;
