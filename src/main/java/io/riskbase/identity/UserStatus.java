package io.riskbase.identity;

public enum UserStatus {
    ACTIVE,
    DISABLED
}
