package org.medconnect.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLockTest {

    @TempDir
    Path home;

    @Test
    void aSecondServerOnTheSameHomeIsRefusedWithTheHoldersPid() {
        try (HomeLock first = HomeLock.acquire(home)) {
            assertThatThrownBy(() -> HomeLock.acquire(home))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Another MedConnect server (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining(home.toString());
        }
    }

    @Test
    void theHomeIsFreeOnceItsServerHasGone() {
        HomeLock.acquire(home).close();
        HomeLock.acquire(home).close();
    }
}
