package org.medconnect.desktop.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.medconnect.desktop.DesktopShell;
import org.medconnect.desktop.MedConnectApp;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.FxTaskRunner;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the UI flow tests do over and over: start the workstation, type into fields, wait for what shows. */
public final class DesktopRobot {

    private final FxRobot robot;

    public DesktopRobot(FxRobot robot) {
        this.robot = robot;
    }

    /** Starts a workstation with its own settings folder under target/, pointing at {@code server}. */
    public static DesktopShell start(Stage stage, String server) throws Exception {
        return start(stage, server, Clock.systemDefaultZone());
    }

    /** As {@link #start(Stage, String)}, with the workstation's clock (its "today" and zone) given. */
    public static DesktopShell start(Stage stage, String server, Clock clock) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "desktop-home-");
        DesktopPreferences preferences = new DesktopPreferences(home);
        DesktopShell shell = new DesktopShell(preferences, new FxTaskRunner(), Optional.of(server), clock, "TEST-PC");
        MedConnectApp.show(stage, shell);
        return shell;
    }

    /** Clicks into the field and fills it; key-by-key typing costs about 100 ms a character in headless mode. */
    public DesktopRobot type(String query, String text) {
        waitFor(() -> shown(query), () -> query + " to show");
        robot.clickOn(query);
        robot.interact(() -> robot.lookup(query).queryAs(TextInputControl.class).setText(text));
        return this;
    }

    /** Types key by key, as a person does. */
    public DesktopRobot typeKeys(String query, String text) {
        robot.interact(() -> robot.lookup(query).queryAs(TextInputControl.class).clear());
        robot.clickOn(query).write(text);
        return this;
    }

    public DesktopRobot click(String query) {
        waitFor(() -> robot.lookup(query).tryQuery().map(n -> n.isVisible() && !n.isDisabled()).orElse(false));
        robot.clickOn(query);
        return this;
    }

    public void signIn(String username, String password) {
        waitFor(() -> shown("#sign-in"));
        type("#username", username);
        typeKeys("#password", password);
        robot.type(javafx.scene.input.KeyCode.ENTER);
    }

    public boolean shown(String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    public String text(String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof Labeled l ? l.getText()
                : n instanceof TextInputControl t ? t.getText() : "").orElse("");
    }

    public void waitForText(String query, String fragment) {
        waitFor(() -> text(query).contains(fragment), () -> query + " to contain \"" + fragment + "\" but was \"" + text(query) + "\"");
    }

    public boolean tableContains(String query, String cellText) {
        Optional<TableView> found = robot.lookup(query).tryQueryAs(TableView.class);
        if (found.isEmpty()) {
            return false;
        }
        TableView<?> table = found.get();
        return robot.lookup(".table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(cell -> cellText.equals(cell.getText()) && isInside(cell, table));
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    public void waitFor(BooleanSupplier condition) {
        waitFor(condition, () -> "condition");
    }

    public void waitFor(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> condition.getAsBoolean());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Timed out waiting for " + what.get() + "; sign-in message: \"" + text("#sign-in-message")
                    + "\", staff message: \"" + text("#staff-message") + "\", form message: \"" + text("#user-form-message") + "\"", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
