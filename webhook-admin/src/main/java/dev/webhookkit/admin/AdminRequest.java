package dev.webhookkit.admin;

import dev.webhookkit.core.Headers;
import java.util.Objects;
import java.util.Optional;

/**
 * One admin request as a transport adapter hands it to {@link AdminApi#handle}: nothing in it is
 * decoded or trusted yet.
 *
 * @param method the HTTP method, upper case
 * @param basePath where the API is mounted ({@code /admin}), for the {@code Location} of created entries; "" at the root
 * @param path the path below the mount point as sent, still percent-encoded ({@code /endpoints/orders})
 * @param rawQuery the query string as sent without '?', "" when none
 * @param headers the request headers
 * @param body the request body, "" when none; the adapters stop reading past {@link AdminApi#maxBodyBytes()}
 */
public record AdminRequest(String method, String basePath, String path, String rawQuery, Headers headers, byte[] body) {

    public AdminRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(path, "path");
        rawQuery = rawQuery == null ? "" : rawQuery;
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** A request without query or body, for tests and in-process calls. */
    public static AdminRequest of(String method, String path, Headers headers) {
        return new AdminRequest(method, "", path, "", headers, new byte[0]);
    }

    public Optional<String> header(String name) {
        return headers.first(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminRequest r && r.method.equals(method) && r.basePath.equals(basePath) && r.path.equals(path)
                && r.rawQuery.equals(rawQuery) && r.headers.equals(headers) && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, rawQuery);
    }

    /** Method and path only: headers may carry credentials. */
    @Override
    public String toString() {
        return "AdminRequest[" + method + " " + basePath + path + "]";
    }
}
