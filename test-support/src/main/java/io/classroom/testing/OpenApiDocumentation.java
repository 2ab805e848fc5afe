package io.classroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a frontend team needs of every operation of a service's OpenAPI document: a summary, an example (of a
 * parameter, the request body or a response, through schema references) and its client errors (at least one 4xx
 * response). A public operation without parameters or body (a JWKS document) has no client error to document.
 */
public final class OpenApiDocumentation {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final int MAX_DEPTH = 8;

    private OpenApiDocumentation() {}

    /** One line per incomplete operation, {@code "GET /path: missing summary, example"}; empty when all are complete. */
    public static List<String> incompleteOperations(JsonNode spec) {
        var incomplete = new ArrayList<String>();
        var paths = spec.path("paths");
        paths.fieldNames()
                .forEachRemaining(path -> paths.path(path).fields().forEachRemaining(entry -> {
                    if (!METHODS.contains(entry.getKey())) {
                        return;
                    }
                    var operation = entry.getValue();
                    var missing = new ArrayList<String>();
                    if (operation.path("summary").asText("").isBlank()) {
                        missing.add("summary");
                    }
                    if (!hasExample(operation.path("parameters"), spec, 0)
                            && !hasExample(operation.path("requestBody"), spec, 0)
                            && !hasExample(operation.path("responses"), spec, 0)) {
                        missing.add("example");
                    }
                    if (!hasClientError(operation) && !publicWithoutInput(operation, spec)) {
                        missing.add("4xx responses");
                    }
                    if (!missing.isEmpty()) {
                        incomplete.add("%s %s: missing %s"
                                .formatted(entry.getKey().toUpperCase(), path, String.join(", ", missing)));
                    }
                }));
        return incomplete;
    }

    private static boolean hasClientError(JsonNode operation) {
        var codes = new ArrayList<String>();
        operation.path("responses").fieldNames().forEachRemaining(codes::add);
        return codes.stream().anyMatch(code -> code.startsWith("4"));
    }

    private static boolean publicWithoutInput(JsonNode operation, JsonNode spec) {
        var security = operation.has("security") ? operation.path("security") : spec.path("security");
        boolean open = security.isMissingNode() || security.isEmpty();
        return open
                && operation.path("parameters").isEmpty()
                && operation.path("requestBody").isMissingNode();
    }

    /** An {@code example} or {@code examples} anywhere below the node, following {@code $ref}s into components. */
    private static boolean hasExample(JsonNode node, JsonNode spec, int depth) {
        if (node == null || node.isMissingNode() || depth > MAX_DEPTH) {
            return false;
        }
        if (node.isObject()) {
            if (node.has("example") || node.has("examples")) {
                return true;
            }
            if (node.has("$ref")) {
                return hasExample(spec.at(node.path("$ref").asText().substring(1)), spec, depth + 1);
            }
        }
        for (var child : node) {
            if (hasExample(child, spec, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
