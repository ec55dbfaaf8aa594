/** JMH benchmarks behind every performance figure in docs/performance.md. */
package dev.webhookkit.benchmarks;
