package io.riskbase.platform.timing;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;

/**
 * The route of a resource method as operators read it: {@code GET /api/v1/users/{id}}. Path parameter regular
 * expressions are dropped ({@code {id: [0-9]+}} becomes {@code {id}}), so the number of names is bounded by the number
 * of resource methods, never by the URLs clients send.
 */
final class EndpointNames {

    private EndpointNames() {}

    /** The endpoint name of a request that matched no resource method. */
    static String unmatched(String httpMethod, String basePath) {
        return httpMethod + " " + join(basePath, "*");
    }

    /** The route template of a resource method, e.g. {@code /api/v1/users/{id}}. */
    static String route(String basePath, Class<?> resourceClass, Method resourceMethod) {
        Path classPath = null;
        // the runtime may hand over a CDI subclass of the resource; @Path sits on the class the developer wrote
        for (Class<?> c = resourceClass; c != null && classPath == null; c = c.getSuperclass()) {
            classPath = c.getAnnotation(Path.class);
        }
        Path methodPath = resourceMethod.getAnnotation(Path.class);
        return stripRegex(join(
                join(basePath, classPath == null ? "" : classPath.value()),
                methodPath == null ? "" : methodPath.value()));
    }

    static String join(String left, String right) {
        String l = left.endsWith("/") ? left.substring(0, left.length() - 1) : left;
        String r = right.startsWith("/") ? right.substring(1) : right;
        if (r.isEmpty()) {
            return l.isEmpty() ? "/" : l;
        }
        return l + "/" + r;
    }

    /** {@code /users/{id: [0-9]{1,18}}} → {@code /users/{id}}; braces inside the expression are balanced. */
    static String stripRegex(String template) {
        StringBuilder out = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int depth = 0;
            boolean inRegex = false;
            out.append('{');
            for (i++; i < template.length(); i++) {
                char d = template.charAt(i);
                if (d == '{') {
                    depth++;
                } else if (d == '}') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (d == ':' && depth == 0) {
                    inRegex = true;
                } else if (!inRegex && !Character.isWhitespace(d)) {
                    out.append(d);
                }
            }
            out.append('}');
            i++;
        }
        return out.toString();
    }
}
