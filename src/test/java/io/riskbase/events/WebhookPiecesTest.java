package io.riskbase.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPiecesTest {

    /** The example of the Standard Webhooks specification (its reference libraries' test vector). */
    @Test
    void signatureMatchesTheStandardWebhooksTestVector() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        long timestamp = 1614265330;
        String body = "{\"test\": 2432232314}";
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign(secret, id, timestamp, body));
        assertTrue(!WebhookSignature.sign(secret, id, timestamp + 1, body)
                .equals(WebhookSignature.sign(secret, id, timestamp, body)));
    }

    @Test
    void generatedSecretsHaveTheStandardShape() {
        String secret = WebhookSignature.newSecret();
        assertTrue(secret.startsWith("whsec_"));
        assertTrue(WebhookSignature.isValidSecret(secret));
        assertFalse(WebhookSignature.isValidSecret("whsec_c2hvcnQ="), "too short");
        assertFalse(WebhookSignature.isValidSecret("secret"));
        assertFalse(WebhookSignature.isValidSecret("whsec_***"));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertEquals(Duration.ofMillis(50), backoff.after(1, () -> 0.0));
        assertEquals(Duration.ofMillis(100), backoff.after(1, () -> 1.0));
        assertEquals(Duration.ofMillis(400), backoff.after(3, () -> 1.0));
        assertEquals(Duration.ofMillis(1000), backoff.after(10, () -> 1.0));
        assertEquals(Duration.ofMillis(500), backoff.after(40, () -> 0.0));
    }

    private static OutboundGuard guard(List<String> allowed, Map<String, String> dns) {
        return new OutboundGuard(allowed, host -> {
            try {
                String address = dns.getOrDefault(host, host);
                return new InetAddress[] {InetAddress.getByName(address)};
            } catch (UnknownHostException e) {
                return new InetAddress[0];
            }
        });
    }

    @Test
    void guardRefusesInternalAddressesAndNamesThatResolveToThem() {
        OutboundGuard guard =
                guard(List.of(), Map.of("evil.example", "169.254.169.254", "ok.example", "93.184.215.14"));
        for (String url : List.of(
                "http://127.0.0.1:8080/hook",
                "http://localhost/hook",
                "http://10.1.2.3/hook",
                "http://172.16.0.1/hook",
                "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/hook",
                "http://0.0.0.0/hook",
                "http://[::1]/hook",
                "http://[fd00::1]/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "http://evil.example/hook")) {
            assertNotNull(guard.refusal(url), url);
        }
        assertNull(guard.refusal("https://ok.example/hook"));
        assertNull(guard.refusal("http://93.184.215.14/hook"));
        assertNotNull(guard.refusal("ftp://ok.example/hook"));
        assertNotNull(guard.refusal("https://user:pw@ok.example/hook"));
        assertNotNull(guard.refusal("not a url"));
    }

    @Test
    void guardLetsTheOperatorAllowNetworks() {
        OutboundGuard guard = guard(List.of("127.0.0.1/32", " 10.0.0.0/8"), Map.of());
        assertNull(guard.refusal("http://127.0.0.1:9999/hook"));
        assertNull(guard.refusal("http://10.200.0.1/hook"));
        assertNotNull(guard.refusal("http://127.0.0.2/hook"));
        assertNotNull(guard.refusal("http://169.254.169.254/"));
    }
}
