package io.riskbase.platform.cache;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every {@link CacheDeclaration} and every {@link Cached}/{@link CacheInvalidate} method while the application
 * deploys, and stops the deployment if a binding names an undeclared namespace or change, or cannot build its keys
 * ({@link NamespaceCatalog#problems}).
 */
public class CacheBindings implements Extension {

    private final List<Class<? extends CacheDeclaration>> declarations = new ArrayList<>();
    private final List<Method> bound = new ArrayList<>();
    private volatile NamespaceCatalog catalog;

    void declaration(@Observes ProcessAnnotatedType<? extends CacheDeclaration> type) {
        declarations.add(type.getAnnotatedType().getJavaClass());
    }

    <T> void bindings(@Observes @WithAnnotations({Cached.class, CacheInvalidate.class}) ProcessAnnotatedType<T> type) {
        for (AnnotatedMethod<? super T> method : type.getAnnotatedType().getMethods()) {
            if (method.isAnnotationPresent(Cached.class) || method.isAnnotationPresent(CacheInvalidate.class)) {
                bound.add(method.getJavaMember());
            }
        }
    }

    void check(@Observes AfterDeploymentValidation deployment) {
        catalog = NamespaceCatalog.of(instances(declarations));
        for (String problem : catalog.problems(bound)) {
            deployment.addDeploymentProblem(new IllegalStateException(problem));
        }
    }

    /** The checked catalogue of the deployed application. */
    public NamespaceCatalog catalog() {
        return catalog;
    }

    /** Declarations are plain values: created here, before any bean exists. */
    static List<CacheDeclaration> instances(List<Class<? extends CacheDeclaration>> types) {
        List<CacheDeclaration> instances = new ArrayList<>();
        for (Class<? extends CacheDeclaration> type : types) {
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            try {
                instances.add(type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " needs a public no-argument constructor", e);
            }
        }
        return instances;
    }
}
