package io.riskbase.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ApiKeyParsingTest {

    @Test
    void onlyBearerValuesWithTheKeyPrefixAreKeys() {
        assertEquals(Optional.of("rbk_1_abc"), ApiKeyService.bearer("Bearer rbk_1_abc"));
        assertEquals(Optional.of("rbk_1_abc"), ApiKeyService.bearer("bearer  rbk_1_abc "));
        assertTrue(ApiKeyService.bearer("Bearer eyJhbGciOi.x.y").isEmpty(), "a JWT is TokenAuthenticator's");
        assertTrue(ApiKeyService.bearer("Basic cmJrXzFfYWJj").isEmpty());
        assertTrue(ApiKeyService.bearer(null).isEmpty());
    }

    @Test
    void theOrganizationIsTheDigitsBetweenPrefixAndSecret() {
        assertEquals(OptionalLong.of(42), ApiKeyService.orgOf("rbk_42_Yp3v-_x"));
        assertTrue(ApiKeyService.orgOf("rbk_").isEmpty());
        assertTrue(ApiKeyService.orgOf("rbk__abc").isEmpty());
        assertTrue(ApiKeyService.orgOf("rbk_-1_abc").isEmpty());
        assertTrue(ApiKeyService.orgOf("rbk_+1_abc").isEmpty());
        assertTrue(ApiKeyService.orgOf("rbk_1234567890123456789_abc").isEmpty(), "longer than a long");
        assertTrue(ApiKeyService.orgOf("rbk_12abc").isEmpty());
    }

    @Test
    void theStoredHashIsTheSha256OfTheWholeKey() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyService.hash("abc"));
    }
}
