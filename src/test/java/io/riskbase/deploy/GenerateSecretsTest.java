package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.identity.JwtKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/generate-secrets.sh writes env files compose can use and Riskbase accepts. */
class GenerateSecretsTest {

    @Test
    void writesMatchingPasswordsAndAKeyPairRiskbaseLoads(@TempDir Path dir) throws Exception {
        Process process = new ProcessBuilder(
                        "bash", Project.path("deploy/generate-secrets.sh").toString(), dir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "script did not finish");
        assertEquals(0, process.exitValue(), output);

        Compose compose = new Compose();
        for (String service : new String[] {"riskbase-1", "postgres", "postgres-exporter", "redis", "grafana"}) {
            for (Path envFile : compose.envFiles(service)) {
                Path generated = dir.resolve(envFile.getFileName());
                assertTrue(Files.exists(generated), "no " + generated.getFileName() + " for " + service);
                assertEquals(
                        EnvFile.parse(Project.read(Path.of(envFile + ".example")))
                                .keySet(),
                        EnvFile.parse(Project.read(generated)).keySet(),
                        generated.getFileName() + " has the keys of its .example");
                assertEquals(
                        java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                        Files.getPosixFilePermissions(generated),
                        "secrets readable by their owner only");
            }
        }
        Map<String, String> riskbase = EnvFile.parse(Project.read(dir.resolve("riskbase.env")));
        String password = riskbase.get("DB_PASSWORD");
        assertTrue(password.length() >= 32);
        assertEquals(
                password,
                EnvFile.parse(Project.read(dir.resolve("postgres.env"))).get("POSTGRES_PASSWORD"));
        assertEquals(
                password,
                EnvFile.parse(Project.read(dir.resolve("postgres-exporter.env")))
                        .get("DATA_SOURCE_PASS"));
        assertNotEquals(
                password,
                EnvFile.parse(Project.read(dir.resolve("grafana.env"))).get("GF_SECURITY_ADMIN_PASSWORD"));

        String redisPassword =
                EnvFile.parse(Project.read(dir.resolve("redis.env"))).get("REDIS_PASSWORD");
        assertTrue(redisPassword.length() >= 32);
        assertNotEquals(password, redisPassword);

        // the gateway's and Redis' certificates and keys: one pair each, for the name clients use, keys private
        assertCertificateAndKey(dir.resolve("tls/gateway.crt"), dir.resolve("tls/gateway.key"), "localhost");
        assertCertificateAndKey(dir.resolve("tls/redis.crt"), dir.resolve("tls/redis.key"), "redis");

        JwtKeys keys =
                JwtKeys.fromPem(riskbase.get("RISKBASE_JWT_PRIVATE_KEY"), riskbase.get("RISKBASE_JWT_PUBLIC_KEY"));
        assertEquals(keys.privateKey().getModulus(), keys.publicKey().getModulus(), "one key pair");
        assertEquals(2048, keys.publicKey().getModulus().bitLength());
    }

    private static void assertCertificateAndKey(Path cert, Path key, String hostName) throws Exception {
        java.security.cert.X509Certificate certificate;
        try (var in = Files.newInputStream(cert)) {
            certificate = (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        certificate.checkValidity();
        assertTrue(certificate.getSubjectAlternativeNames().stream().anyMatch(n -> hostName.equals(n.get(1))));
        String keyPem =
                Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.interfaces.RSAPrivateCrtKey privateKey =
                (java.security.interfaces.RSAPrivateCrtKey) java.security.KeyFactory.getInstance("RSA")
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                                java.util.Base64.getDecoder().decode(keyPem)));
        assertEquals(
                ((java.security.interfaces.RSAPublicKey) certificate.getPublicKey()).getModulus(),
                privateKey.getModulus(),
                cert.getFileName() + " and its key are one pair");
        assertEquals(
                java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(key));
    }

    @Test
    void keepsExistingSecretsUnlessForced(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("riskbase.env"), "DB_PASSWORD=kept\n");
        Process process = new ProcessBuilder(
                        "bash", Project.path("deploy/generate-secrets.sh").toString(), dir.toString())
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertEquals("DB_PASSWORD=kept\n", Files.readString(dir.resolve("riskbase.env")));
    }
}
