package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The check the deployment runs ({@link CacheBindings}), over every compiled class of the application: a misspelt or
 * undeclared namespace fails this test before any server starts.
 */
class DeclaredNamespacesTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void everyBindingOfTheApplicationNamesADeclaredNamespace() throws Exception {
        List<Class<? extends CacheDeclaration>> declarations = new ArrayList<>();
        List<Method> bound = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            if (CacheDeclaration.class.isAssignableFrom(type)
                    && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                declarations.add(type.asSubclass(CacheDeclaration.class));
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Cached.class) || method.isAnnotationPresent(CacheInvalidate.class)) {
                    bound.add(method);
                }
            }
        }
        assertTrue(declarations.size() >= 4, "one declaration per caching feature, found " + declarations);
        assertTrue(bound.size() >= 20, "the services' bindings, found " + bound.size());
        assertEquals(
                List.of(),
                NamespaceCatalog.of(CacheBindings.instances(declarations)).problems(bound));
    }

    private static List<Class<?>> applicationClasses() throws IOException, ClassNotFoundException {
        assertTrue(Files.isDirectory(CLASSES), "compile first: " + CLASSES.toAbsolutePath());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file)
                        .toString()
                        .replace(".class", "")
                        .replace(file.getFileSystem().getSeparator(), ".");
                classes.add(Class.forName(name, false, DeclaredNamespacesTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
