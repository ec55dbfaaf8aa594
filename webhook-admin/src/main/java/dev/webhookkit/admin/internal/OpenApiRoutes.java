package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.AdminResponse;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of every route ({@code openapi.json} next to
 * {@link dev.webhookkit.admin.AdminApi}), its paths put under the mount point the request came
 * through, so {@code /endpoints} is served as {@code /admin/endpoints} under {@code /admin}.
 */
public final class OpenApiRoutes {
    static final String KIND = "openapi";
    /** The document as written, paths relative to the mount point. */
    public static final String RESOURCE = "/dev/webhookkit/admin/openapi.json";
    private static final ObjectNode DOCUMENT = load();

    private OpenApiRoutes() {
    }

    public static AdminResponse get(AdminCall call) {
        call.authorize(AdminAction.READ, AdminResource.collection(KIND));
        call.allowOnlyQuery();
        return Responses.ok(underMount(call.request().basePath()));
    }

    /** The document with every path prefixed by {@code basePath} ({@code /admin}, or "" at the root). */
    public static ObjectNode underMount(String basePath) {
        ObjectNode doc = DOCUMENT.deepCopy();
        ObjectNode paths = Json.object();
        for (Map.Entry<String, JsonNode> e : DOCUMENT.path("paths").properties()) {
            paths.set(basePath + e.getKey(), e.getValue().deepCopy());
        }
        doc.set("paths", paths);
        return doc;
    }

    private static ObjectNode load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " could not be read", e);
        }
    }
}
