/** A Jakarta Servlet filter, caching request wrapper and event stream servlet for webhookkit receivers. */
package dev.webhookkit.servlet;
