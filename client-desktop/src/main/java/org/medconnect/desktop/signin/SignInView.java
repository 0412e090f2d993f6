package org.medconnect.desktop.signin;

import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * The sign-in card. In "resume" mode (session ended) it sits over the workspace, shows the reason
 * and hides the server field, since the workstation stays with the same server.
 */
public final class SignInView {

    private final VBox card;

    public SignInView(SignInViewModel model, boolean resume, String resumeMessage) {
        Label brand = new Label("MedConnect");
        brand.getStyleClass().add(Styles.TITLE_1);
        brand.setId("brand");
        Label subtitle = new Label(resume ? "Sign in again" : "Clinic workstation — sign in to start");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        TextField server = new TextField();
        server.setId("server-address");
        server.setPromptText("host:port");
        server.textProperty().bindBidirectional(model.serverAddressProperty());
        TextField username = new TextField();
        username.setId("username");
        username.setPromptText("e.g. j.smith");
        username.textProperty().bindBidirectional(model.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.textProperty().bindBidirectional(model.passwordProperty());

        Label message = new Label();
        message.setId(resume ? "resume-message" : "sign-in-message");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        Label note = new Label();
        note.setId("sign-in-note");
        note.setWrapText(true);
        note.setMaxWidth(Double.MAX_VALUE);
        note.getStyleClass().add(Styles.SUCCESS);
        note.textProperty().bind(model.noteProperty());
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        Button signIn = new Button("Sign in");
        signIn.setId("sign-in");
        signIn.setDefaultButton(true);
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setPrefWidth(120);
        signIn.disableProperty().bind(model.busyProperty());
        signIn.setOnAction(e -> model.signIn());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("busy");
        progress.setPrefSize(22, 22);
        progress.visibleProperty().bind(model.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Hyperlink forgot = new Hyperlink("Forgot password?");
        forgot.setId("forgot-password-link");
        forgot.setVisible(!resume);
        forgot.setManaged(!resume);
        HBox actions = new HBox(10, forgot, progress, spacer, signIn);
        actions.setAlignment(Pos.CENTER_RIGHT);

        card = new VBox(6);
        card.getChildren().addAll(brand, subtitle, gap(10));
        if (resume) {
            Label why = new Label(resumeMessage);
            why.setId("session-ended");
            why.setWrapText(true);
            why.getStyleClass().add(Styles.WARNING);
            card.getChildren().addAll(why, gap(6));
        } else {
            card.getChildren().addAll(caption("Server"), server);
        }
        card.getChildren().addAll(caption("Username"), username, caption("Password"), password, gap(4), note, message, gap(6), actions);
        forgot.setOnAction(e -> showForgotPassword(model));
        card.setPadding(new Insets(30, 34, 28, 34));
        card.setPrefWidth(400);
        card.setMaxWidth(400);

        ValidationSupport validation = new ValidationSupport();
        // Decorations only after the first attempt: an empty form is not yet a mistake.
        validation.setErrorDecorationEnabled(false);
        validation.registerValidator(username, false, Validator.createEmptyValidator("Enter your username"));
        validation.registerValidator(password, false, Validator.createEmptyValidator("Enter your password"));
        signIn.addEventFilter(javafx.event.ActionEvent.ACTION, e -> validation.setErrorDecorationEnabled(true));

        Platform.runLater(() -> (resume || !username.getText().isEmpty() ? password : username).requestFocus());
    }

    /** Swaps the card's contents for the forgot-password form, and back when it is done or left. */
    private void showForgotPassword(SignInViewModel model) {
        java.util.List<javafx.scene.Node> signInContent = java.util.List.copyOf(card.getChildren());
        ForgotPasswordViewModel forgotModel = model.forgotPassword();
        Runnable back = () -> card.getChildren().setAll(signInContent);
        forgotModel.onDone(forgotModel.onDoneHandler().andThen(done -> back.run()));
        card.getChildren().setAll(new ForgotPasswordView(forgotModel, back).pane());
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        label.setPadding(new Insets(6, 0, 0, 0));
        return label;
    }

    private static Region gap(double height) {
        Region region = new Region();
        region.setMinHeight(height);
        return region;
    }

    public VBox card() {
        return card;
    }

    /** The full sign-in screen: the card centred on a quiet background. */
    public StackPane screen() {
        card.getStyleClass().add("sign-in-card");
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane screen = new StackPane(card);
        screen.setId("sign-in-screen");
        screen.getStyleClass().add("sign-in-screen");
        return screen;
    }
}
