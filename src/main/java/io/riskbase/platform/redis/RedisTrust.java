package io.riskbase.platform.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust for a {@code rediss://} server from PEM certificates, so operators hand over the CA file their Redis was set up
 * with instead of building a Java trust store.
 */
final class RedisTrust {

    private RedisTrust() {}

    static TrustManagerFactory fromPem(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("REDIS_TLS_CA_FILE " + file + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("redis-ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException("REDIS_TLS_CA_FILE " + file + " cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("REDIS_TLS_CA_FILE " + file + " is not a PEM certificate", e);
        }
    }
}
