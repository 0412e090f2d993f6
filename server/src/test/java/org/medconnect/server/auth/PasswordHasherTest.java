package org.medconnect.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medconnect.server.platform.ServerConfig.PasswordHashing;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new PasswordHashing(1024, 1, 1));

    @Test
    void verifiesTheRightPasswordAndRefusesAWrongOne() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
    }

    @Test
    void storesArgon2idInPhcFormatWithItsOwnSalt() {
        String a = hasher.hash("same password");
        String b = hasher.hash("same password");
        assertThat(a).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").isNotEqualTo(b);
        assertThat(a).doesNotContain("same password");
    }

    @Test
    void hashesMadeWithAnotherCostStillVerify() {
        String old = new PasswordHasher(new PasswordHashing(2048, 2, 1)).hash("ünïcödé pässwörd");
        assertThat(hasher.verify("ünïcödé pässwörd", old)).isTrue();
    }

    @Test
    void anUnreadableHashNeverVerifies() {
        assertThat(hasher.verify("x", "plaintext")).isFalse();
    }

    @Test
    void defaultCostIsTheOwaspMinimum() {
        assertThat(PasswordHashing.DEFAULT).isEqualTo(new PasswordHashing(19_456, 2, 1));
        String hash = new PasswordHasher(PasswordHashing.DEFAULT).hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }
}
