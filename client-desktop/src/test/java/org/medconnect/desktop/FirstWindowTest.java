package org.medconnect.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The first window the workstation opens (issue 11 item 16). */
@ExtendWith(ApplicationExtension.class)
class FirstWindowTest {

    private Stage stage;
    private DesktopShell shell;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path home = Files.createTempDirectory(Path.of("target"), "desktop-home-");
        shell = new DesktopShell(new DesktopPreferences(home), new FxTaskRunner(), Optional.of("localhost:1"),
                Clock.systemUTC(), "TEST-PC");
        MedConnectApp.showFirstWindow(stage, shell);
    }

    @Stop
    void stop() {
        shell.close();
    }

    @Test
    void opensMaximised() {
        assertThat(stage.isMaximized()).isTrue();
        assertThat(stage.isShowing()).isTrue();
    }
}
