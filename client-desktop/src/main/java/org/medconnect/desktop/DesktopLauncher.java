package org.medconnect.desktop;

import javafx.application.Application;

/**
 * Plain entry point: with JavaFX on the class path a main class that extends Application will not
 * start, so this one hands over to {@link MedConnectApp}. Accepts {@code --server=host:port}.
 */
public final class DesktopLauncher {

    private DesktopLauncher() {}

    public static void main(String[] args) {
        Application.launch(MedConnectApp.class, args);
    }
}
