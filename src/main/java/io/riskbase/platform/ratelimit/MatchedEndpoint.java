package io.riskbase.platform.ratelimit;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;

/**
 * The path template of the resource method JAX-RS matched, e.g. {@code /api/v1/users/{id}}: the application's, the
 * class's and the method's {@code @Path} joined. It is what the route groups are matched against, so that every
 * spelling of a path that reaches an endpoint ({@code ;x=1}, {@code %6C}, {@code //}, a trailing slash) is charged to
 * that endpoint's group.
 */
final class MatchedEndpoint {

    private MatchedEndpoint() {}

    /** The {@code @ApplicationPath} of the application class (or a superclass of its proxy), else null. */
    static String applicationPath(Class<?> application) {
        ApplicationPath path = application == null ? null : annotation(application, ApplicationPath.class);
        return path == null ? null : path.value();
    }

    static String template(String applicationPath, Class<?> resourceClass, Method method) {
        StringBuilder template = new StringBuilder();
        append(template, applicationPath);
        Path classPath = annotation(resourceClass, Path.class);
        append(template, classPath == null ? null : classPath.value());
        append(template, methodPath(method));
        return template.length() == 0 ? "/" : template.toString();
    }

    /** The annotation on the class or, for container proxies and subclasses, on the nearest superclass. */
    private static <A extends java.lang.annotation.Annotation> A annotation(Class<?> type, Class<A> annotation) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            A found = c.getAnnotation(annotation);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String methodPath(Method method) {
        for (Class<?> c = method.getDeclaringClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Path path = c.getDeclaredMethod(method.getName(), method.getParameterTypes())
                        .getAnnotation(Path.class);
                if (path != null) {
                    return path.value();
                }
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        return null;
    }

    private static void append(StringBuilder template, String segment) {
        if (segment == null) {
            return;
        }
        String trimmed = segment.strip().replaceAll("^/+|/+$", "");
        if (!trimmed.isEmpty()) {
            template.append('/').append(trimmed);
        }
    }
}
