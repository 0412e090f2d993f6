package org.medconnect.desktop.signin;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.auth.v1.BeginTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.ConfirmTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.SecondFactorStep;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.proto.auth.v1.VerifySecondFactorRequest;

/**
 * The second step of a sign-in that owes a second factor: a code from the authenticator app (or a
 * recovery code), or, when the role requires one and the user has none, enrolling an app from a QR
 * code and noting the recovery codes. Ends with the full session ({@link #onSignedIn}).
 */
public final class SecondFactorViewModel {

    /** What the card shows. */
    public enum Stage { CODE, ENROL, RECOVERY_CODES }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>();
    private final StringProperty code = new SimpleStringProperty("");
    private final BooleanProperty useRecoveryCode = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<byte[]> qrPng = new SimpleObjectProperty<>();
    private final StringProperty secret = new SimpleStringProperty("");
    private final ObservableList<String> recoveryCodes = FXCollections.observableArrayList();
    private SignInResponse finished;
    private Consumer<SignInResponse> onSignedIn = response -> { };
    private Consumer<String> onFewRecoveryCodes = warning -> { };

    /** @param pending the SignIn answer whose token (already in use on {@code connection}) owes the second factor */
    public SecondFactorViewModel(ServerConnection connection, ServerCalls calls, SignInResponse pending) {
        this.connection = connection;
        this.calls = calls;
        stage.set(pending.getSecondFactorStep() == SecondFactorStep.SECOND_FACTOR_STEP_ENROL ? Stage.ENROL : Stage.CODE);
    }

    public void onSignedIn(Consumer<SignInResponse> handler) {
        this.onSignedIn = handler;
    }

    /** Told the warning to show when a sign-in leaves few recovery codes ({@link SecurityViewModel#FEW_RECOVERY_CODES}). */
    public void onFewRecoveryCodes(Consumer<String> handler) {
        this.onFewRecoveryCodes = handler;
    }

    /** For ENROL: asks the server for a new secret and its QR code. */
    public void beginEnrolment() {
        calls.call(busy, () -> connection.auth().beginTotpEnrolment(BeginTotpEnrolmentRequest.getDefaultInstance()), enrolment -> {
            qrPng.set(enrolment.getQrPng().toByteArray());
            secret.set(enrolment.getSecret());
        }, this::showFailure);
    }

    /** Sends the code (CODE: sign in; ENROL: confirm the new app). */
    public void submit() {
        if (busy.get()) {
            return;
        }
        String typed = code.get() == null ? "" : code.get().strip();
        if (typed.isEmpty()) {
            message.set(useRecoveryCode.get() ? "Enter one of your recovery codes." : "Enter the 6-digit code from your authenticator app.");
            return;
        }
        message.set("");
        if (stage.get() == Stage.ENROL) {
            calls.call(busy, () -> connection.auth().confirmTotpEnrolment(ConfirmTotpEnrolmentRequest.newBuilder().setCode(typed).build()),
                    confirmed -> {
                        code.set("");
                        finished = confirmed.getSession();
                        connection.useToken(finished.getSessionToken());
                        recoveryCodes.setAll(confirmed.getRecoveryCodesList());
                        stage.set(Stage.RECOVERY_CODES);
                    }, this::showFailure);
            return;
        }
        VerifySecondFactorRequest request = useRecoveryCode.get()
                ? VerifySecondFactorRequest.newBuilder().setRecoveryCode(typed).build()
                : VerifySecondFactorRequest.newBuilder().setCode(typed).build();
        calls.call(busy, () -> connection.auth().verifySecondFactor(request), verified -> {
            code.set("");
            connection.useToken(verified.getSession().getSessionToken());
            SecurityViewModel.lowCodesWarning(true, verified.getRecoveryCodesLeft()).ifPresent(onFewRecoveryCodes);
            onSignedIn.accept(verified.getSession());
        }, this::showFailure);
    }

    /** RECOVERY_CODES: the user has noted them; go on to the workspace. */
    public void continueAfterRecoveryCodes() {
        if (finished != null) {
            onSignedIn.accept(finished);
        }
    }

    private void showFailure(CallFailure failure) {
        message.set(failure.message());
        code.set("");
    }

    public ObjectProperty<Stage> stageProperty() {
        return stage;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public BooleanProperty useRecoveryCodeProperty() {
        return useRecoveryCode;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<byte[]> qrPngProperty() {
        return qrPng;
    }

    public StringProperty secretProperty() {
        return secret;
    }

    public List<String> recoveryCodes() {
        return recoveryCodes;
    }
}
