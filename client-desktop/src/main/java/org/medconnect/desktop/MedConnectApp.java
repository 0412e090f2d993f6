package org.medconnect.desktop;

import org.medconnect.desktop.platform.Theme;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FingerprintDialog;
import org.medconnect.desktop.platform.ServerTrust;
import org.medconnect.desktop.platform.ErrorDialogs;
import org.medconnect.desktop.platform.FxTaskRunner;

/** The JavaFX application: theme, window and the shell; started through {@link DesktopLauncher}. */
public final class MedConnectApp extends Application {

    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 760;

    private FxTaskRunner runner;
    private DesktopShell shell;

    @Override
    public void start(Stage stage) {
        new ErrorDialogs().install();
        Optional<String> server = getParameters().getNamed().entrySet().stream()
                .filter(e -> e.getKey().equals("server")).map(java.util.Map.Entry::getValue).findFirst();
        // --server-cert=path trusts that certificate (the file the server wrote under its home) with no question.
        Optional<Path> serverCert = Optional.ofNullable(getParameters().getNamed().get("server-cert")).map(Path::of);
        DesktopPreferences preferences = DesktopPreferences.fromSystem();
        runner = new FxTaskRunner();
        // Only instants come from the PC: the clinic's zone arrives at sign-in (DesktopShell, platform.ClinicClock).
        shell = new DesktopShell(preferences, runner, server, Clock.systemUTC(), workstationName(),
                ServerTrust.of(preferences, serverCert, new FingerprintDialog()));
        showFirstWindow(stage, shell);
    }

    /** The workstation's own window opens maximised: the day board needs every pixel of a 1366x768 desk PC. */
    public static void showFirstWindow(Stage stage, DesktopShell shell) {
        show(stage, shell);
        stage.setMaximized(true);
    }

    /** Themes and sizes the window for {@code shell} at a fixed size; tests and the screenshot tour use it as is. */
    public static void show(Stage stage, DesktopShell shell) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(DEFAULT_WIDTH, screen.getWidth());
        double height = Math.min(DEFAULT_HEIGHT, screen.getHeight());
        Scene scene = new Scene(shell.root(), width, height);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(shell.titleProperty());
        stage.setMinWidth(Math.min(1000, width));
        stage.setMinHeight(Math.min(620, height));
        stage.show();
    }

    private static String workstationName() {
        String name = System.getenv("COMPUTERNAME");
        if (name == null || name.isBlank()) {
            name = System.getenv("HOSTNAME");
        }
        return name == null || name.isBlank() ? "desktop" : name;
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        }
        if (runner != null) {
            runner.close();
        }
    }
}
