package io.riskbase.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.riskbase.identity.SignupPolicy.Mode;
import io.riskbase.platform.errors.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignupPolicyTest {

    @Test
    void unsetIsOpenInDevAndByInvitationElsewhere() {
        assertEquals(Mode.OPEN, SignupPolicy.resolve(Optional.empty(), "dev"));
        assertEquals(Mode.INVITE, SignupPolicy.resolve(Optional.empty(), "staging"));
        assertEquals(Mode.INVITE, SignupPolicy.resolve(Optional.of(" "), "prod"));
    }

    @Test
    void explicitModesWinOverTheProfile() {
        assertEquals(Mode.OPEN, SignupPolicy.resolve(Optional.of("open"), "prod"));
        assertEquals(Mode.CLOSED, SignupPolicy.resolve(Optional.of("CLOSED"), "dev"));
        assertEquals(Mode.INVITE, SignupPolicy.resolve(Optional.of("invite"), "dev"));
    }

    @Test
    void aTypoClosesSignUpRatherThanOpeningIt() {
        assertEquals(Mode.CLOSED, SignupPolicy.resolve(Optional.of("opne"), "dev"));
    }

    @Test
    void onlyOpenLetsSignUpThrough() {
        SignupPolicy policy = new SignupPolicy();
        policy.configured = Optional.of("invite");
        policy.profile = "dev";
        policy.resolve();
        ApiException refused = assertThrows(ApiException.class, policy::requireOpen);
        assertEquals(403, refused.status());
        policy.configured = Optional.of("open");
        policy.resolve();
        policy.requireOpen();
    }
}
