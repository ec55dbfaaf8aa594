/**
 * For a host's tests: a contract test kit (an abstract JUnit 5 class) for every SPI an application
 * may implement, {@link dev.webhookkit.testing.MutableClock} to move time by hand and
 * {@link dev.webhookkit.testing.Poll} to wait for a condition within a timeout.
 */
package dev.webhookkit.testing;
