package io.riskbase.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class PasswordHasherProducer {

    @Produces
    @Singleton
    PasswordHasher passwordHasher(
            @ConfigProperty(name = "riskbase.password.iterations", defaultValue = "210000") int iterations) {
        return new PasswordHasher(iterations);
    }
}
