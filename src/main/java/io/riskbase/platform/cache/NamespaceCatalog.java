package io.riskbase.platform.cache;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every declared namespace and change, and the check of every binding against them. Plain code: the deployment
 * ({@link CacheBindings}) and a unit test over all compiled classes run the same check.
 */
public final class NamespaceCatalog {

    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final Map<String, List<String>> subscribers = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private NamespaceCatalog(Collection<? extends CacheDeclaration> declarations) {
        for (CacheDeclaration declaration : declarations) {
            for (String change : declaration.changes()) {
                if (subscribers.putIfAbsent(change, new ArrayList<>()) != null) {
                    problems.add("cache change '" + change + "' is declared twice (again by "
                            + declaration.getClass().getName() + ")");
                }
            }
        }
        for (CacheDeclaration declaration : declarations) {
            for (Namespace namespace : declaration.namespaces()) {
                if (namespaces.putIfAbsent(namespace.name(), namespace) != null) {
                    problems.add("cache namespace '" + namespace.name() + "' is declared twice (again by "
                            + declaration.getClass().getName() + ")");
                }
                for (String change : namespace.invalidatedBy()) {
                    if (subscribers.containsKey(change)) {
                        subscribers.get(change).add(namespace.name());
                    } else {
                        problems.add("cache namespace '" + namespace.name() + "' is invalidated by change '" + change
                                + "', which no feature declares");
                    }
                }
            }
        }
    }

    public static NamespaceCatalog of(Collection<? extends CacheDeclaration> declarations) {
        return new NamespaceCatalog(declarations);
    }

    /**
     * The declared namespace of this name; an undeclared name is a programming error the deployment check reports
     * first.
     */
    public Namespace namespace(String name) {
        Namespace namespace = namespaces.get(name);
        if (namespace == null) {
            throw new IllegalStateException("cache namespace '" + name + "' is not declared");
        }
        return namespace;
    }

    public Collection<Namespace> namespaces() {
        return namespaces.values();
    }

    /** What a write with this binding bumps: its own namespaces, then every subscriber of its changes, each once. */
    List<String> bumpedBy(CacheInvalidate write) {
        Set<String> bumped = new LinkedHashSet<>(List.of(write.namespaces()));
        for (String change : write.changes()) {
            bumped.addAll(subscribers.getOrDefault(change, List.of()));
        }
        return List.copyOf(bumped);
    }

    /** Whether the namespaces a write touches are global (no tenant); they must all be of one kind. */
    boolean global(CacheInvalidate write) {
        return touched(write)
                .anyMatch(name ->
                        namespaces.containsKey(name) && namespaces.get(name).global());
    }

    private Stream<String> touched(CacheInvalidate write) {
        return Stream.of(List.of(write.entries()), bumpedBy(write), List.of(write.negatives()))
                .flatMap(List::stream);
    }

    /** Everything wrong with the declarations and with these bound methods; empty when the deployment may go on. */
    public List<String> problems(Collection<Method> bound) {
        List<String> found = new ArrayList<>(problems);
        for (Method method : bound) {
            Cached read = method.getAnnotation(Cached.class);
            if (read != null) {
                found.addAll(readProblems(method, read));
            }
            CacheInvalidate write = method.getAnnotation(CacheInvalidate.class);
            if (write != null) {
                found.addAll(writeProblems(method, write));
            }
        }
        return found;
    }

    private List<String> readProblems(Method method, Cached read) {
        if (!namespaces.containsKey(read.value())) {
            return List.of(where(method) + " caches in undeclared namespace '" + read.value() + "'");
        }
        try {
            CachedMethod.forRead(method, namespace(read.value()));
            return List.of();
        } catch (IllegalStateException e) {
            return List.of(e.getMessage());
        }
    }

    private List<String> writeProblems(Method method, CacheInvalidate write) {
        List<String> found = new ArrayList<>();
        Stream.of(write.entries(), write.namespaces(), write.negatives())
                .flatMap(Stream::of)
                .filter(name -> !namespaces.containsKey(name))
                .distinct()
                .forEach(name -> found.add(where(method) + " invalidates undeclared namespace '" + name + "'"));
        Stream.of(write.changes())
                .filter(change -> !subscribers.containsKey(change))
                .forEach(change -> found.add(where(method) + " announces undeclared change '" + change + "'"));
        if (!found.isEmpty()) {
            return found;
        }
        if (touched(write).map(name -> namespaces.get(name).global()).distinct().count() > 1) {
            return List.of(where(method) + " invalidates global and tenant namespaces at once");
        }
        try {
            CachedMethod.forInvalidation(method, write, global(write));
            return List.of();
        } catch (IllegalStateException e) {
            return List.of(e.getMessage());
        }
    }

    private static String where(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}
