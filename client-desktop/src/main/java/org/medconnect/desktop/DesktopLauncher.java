package org.medconnect.desktop;

import javafx.application.Application;

/**
 * Plain entry point: with JavaFX on the class path a main class that extends Application will not
 * start, so this one hands over to {@link MedConnectApp}. Accepts {@code --server=host:port} and
 * {@code --server-cert=path} (the server's certificate file, trusted without asking).
 */
public final class DesktopLauncher {

    private DesktopLauncher() {}

    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--server-cert=")) {
                try {
                    org.medconnect.desktop.platform.ServerTrust.fingerprintOfFile(java.nio.file.Path.of(arg.substring("--server-cert=".length())));
                } catch (IllegalArgumentException e) {
                    System.err.println("medconnect: " + e.getMessage());
                    System.exit(2);
                }
            }
        }
        Application.launch(MedConnectApp.class, args);
    }
}
