package io.riskbase.platform.redis;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust built from {@code REDIS_TLS_CA_FILE} accepts its certificate and nothing else. */
class RedisTrustTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        for (String name : new String[] {"redis", "other"}) {
            Process openssl = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-days",
                            "2",
                            "-subj",
                            "/CN=" + name,
                            "-keyout",
                            dir.resolve(name + ".key").toString(),
                            "-out",
                            dir.resolve(name + ".crt").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile())
                    .start();
            assertTrue(openssl.waitFor(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void trustsTheGivenCertificateOnly() throws Exception {
        X509TrustManager trust = (X509TrustManager)
                RedisTrust.fromPem(dir.resolve("redis.crt").toString()).getTrustManagers()[0];
        assertDoesNotThrow(() -> trust.checkServerTrusted(chain("redis.crt"), "RSA"));
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(chain("other.crt"), "RSA"));
    }

    @Test
    void aFileWithoutCertificatesIsRefusedWithItsName() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "just text\n");
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> RedisTrust.fromPem(notPem.toString()));
        assertTrue(refused.getMessage().contains(notPem.toString()), refused.getMessage());
    }

    private static X509Certificate[] chain(String file) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            return new X509Certificate[] {
                (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)
            };
        }
    }
}
