package io.riskbase.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The RS256 key pair tokens are signed with. It comes from configuration (PEM text), or, when none is configured and
 * generation is allowed (the embedded default), is generated once and kept in the data directory so tokens survive
 * restarts.
 */
public record JwtKeys(RSAPrivateKey privateKey, RSAPublicKey publicKey) {

    private static final Logger LOG = Logger.getLogger(JwtKeys.class.getName());

    public static JwtKeys fromPem(String privatePem, String publicPem) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey priv = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(decodePem(privatePem)));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(decodePem(publicPem)));
            return new JwtKeys(priv, pub);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The configured JWT key pair is not a PKCS#8 private / X.509 public RSA key in PEM: "
                            + e.getMessage(),
                    e);
        }
    }

    public static JwtKeys loadOrGenerate(Path directory) {
        Path privateFile = directory.resolve("jwt-private.pem");
        Path publicFile = directory.resolve("jwt-public.pem");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                return fromPem(Files.readString(privateFile), Files.readString(publicFile));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            JwtKeys keys = new JwtKeys((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
            Files.createDirectories(directory);
            Files.writeString(privateFile, keys.privatePem());
            Files.writeString(publicFile, keys.publicPem());
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep the platform's default permissions
            }
            LOG.info("Generated a new JWT signing key pair in "
                    + directory.toAbsolutePath().normalize());
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot load or create the JWT key pair in " + directory + ": " + e.getMessage(), e);
        }
    }

    public String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    String privatePem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] decodePem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\\\n", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
