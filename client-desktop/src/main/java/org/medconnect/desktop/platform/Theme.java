package org.medconnect.desktop.platform;

import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;

/** The workstation's look: AtlantaFX Primer Light plus MedConnect's own stylesheet, where every colour lives. */
public final class Theme {

    /** {@code medconnect.css}, next to this class. */
    public static final String STYLESHEET = Objects.requireNonNull(
            Theme.class.getResource("medconnect.css"), "medconnect.css is missing from the build").toExternalForm();

    private Theme() {}

    /** Sets AtlantaFX as the user-agent stylesheet and adds ours to {@code scene}. */
    public static void apply(Scene scene) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        if (!scene.getStylesheets().contains(STYLESHEET)) {
            scene.getStylesheets().add(STYLESHEET);
        }
    }

    /** For content that gets its own scene (a popup): our stylesheet on its root. */
    public static void apply(Parent root) {
        if (!root.getStylesheets().contains(STYLESHEET)) {
            root.getStylesheets().add(STYLESHEET);
        }
    }
}
