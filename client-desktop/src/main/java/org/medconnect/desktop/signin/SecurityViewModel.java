package org.medconnect.desktop.signin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.auth.v1.BeginTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.ConfirmTotpEnrolmentRequest;
import org.medconnect.proto.auth.v1.GetSecondFactorStatusRequest;
import org.medconnect.proto.auth.v1.GetSecondFactorStatusResponse;
import org.medconnect.proto.auth.v1.RegenerateRecoveryCodesRequest;

/**
 * The signed-in user's own Security page: whether a second factor (authenticator app) is on and whether their
 * role requires one, how many recovery codes are left (with a warning when few are), enrolling an app from a QR
 * code, and new recovery codes (the server asks for a fresh code first when the last one is old).
 */
public final class SecurityViewModel {

    /** At or under this many unused recovery codes, the workstation warns (here and at sign-in). */
    public static final int FEW_RECOVERY_CODES = 2;

    /** What the page shows. */
    public enum Stage { OVERVIEW, ENROL, RECOVERY_CODES }

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>(Stage.OVERVIEW);
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final BooleanProperty enrolled = new SimpleBooleanProperty();
    private final BooleanProperty required = new SimpleBooleanProperty();
    private final IntegerProperty recoveryCodesLeft = new SimpleIntegerProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");
    private final StringProperty warning = new SimpleStringProperty("");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<byte[]> qrPng = new SimpleObjectProperty<>();
    private final StringProperty secret = new SimpleStringProperty("");
    private final ObservableList<String> recoveryCodes = FXCollections.observableArrayList();

    private final Supplier<ZoneId> clinicZone;

    /** @param clinicZone the clinic's time zone, for the day the app was set up */
    public SecurityViewModel(ServerConnection connection, ServerCalls calls, Supplier<ZoneId> clinicZone) {
        this.connection = connection;
        this.calls = calls;
        this.clinicZone = clinicZone;
    }

    /** Reads the caller's second-factor status from the server. */
    public void load() {
        calls.call(busy, () -> connection.auth().getSecondFactorStatus(GetSecondFactorStatusRequest.getDefaultInstance()),
                this::show, this::showFailure);
    }

    private void show(GetSecondFactorStatusResponse answer) {
        enrolled.set(answer.getEnrolled());
        required.set(answer.getRequired());
        recoveryCodesLeft.set(answer.getRecoveryCodesLeft());
        if (answer.getEnrolled()) {
            status.set(answer.getRequired() ? "On (required for your role)" : "On");
            Optional<Instant> since = answer.hasEnrolledAt()
                    ? Optional.of(Instant.ofEpochSecond(answer.getEnrolledAt().getSeconds())) : Optional.empty();
            detail.set("You sign in with your password and a code from your authenticator app"
                    + since.map(at -> " (set up " + ClinicDates.format(LocalDate.ofInstant(at, clinicZone.get())) + ")").orElse("") + ".");
        } else {
            status.set(answer.getRequired() ? "Off: required for your role" : "Off");
            detail.set(answer.getRequired()
                    ? "Your role must sign in with a second factor: set up an authenticator app now."
                    : "Signing in with a code from an authenticator app as well as your password keeps your account "
                    + "safe even if someone learns your password.");
        }
        warning.set(lowCodesWarning(answer.getEnrolled(), answer.getRecoveryCodesLeft()).orElse(""));
        loaded.set(true);
    }

    /** The warning for {@code left} unused recovery codes, when it is few enough to say so. */
    public static Optional<String> lowCodesWarning(boolean enrolled, int left) {
        if (!enrolled || left > FEW_RECOVERY_CODES) {
            return Optional.empty();
        }
        String count = left == 0 ? "No recovery codes are" : left == 1 ? "Only 1 recovery code is" : "Only " + left + " recovery codes are";
        return Optional.of(count + " left. Make new ones (Security, New recovery codes) before you run out: "
                + "without the app or a code you cannot sign in.");
    }

    /** Asks the server for a new secret and its QR code. */
    public void beginEnrolment() {
        message.set("");
        code.set("");
        calls.call(busy, () -> connection.auth().beginTotpEnrolment(BeginTotpEnrolmentRequest.getDefaultInstance()), enrolment -> {
            qrPng.set(enrolment.getQrPng().toByteArray());
            secret.set(enrolment.getSecret());
            stage.set(Stage.ENROL);
        }, this::showFailure);
    }

    /** Confirms the new app with the code it shows; the recovery codes follow, shown once. */
    public void confirmEnrolment() {
        String typed = code.get() == null ? "" : code.get().strip();
        if (typed.isEmpty()) {
            message.set("Enter the 6-digit code your authenticator app shows for MedConnect.");
            return;
        }
        message.set("");
        calls.call(busy, () -> connection.auth().confirmTotpEnrolment(ConfirmTotpEnrolmentRequest.newBuilder().setCode(typed).build()),
                confirmed -> {
                    code.set("");
                    qrPng.set(null);
                    secret.set("");
                    recoveryCodes.setAll(confirmed.getRecoveryCodesList());
                    stage.set(Stage.RECOVERY_CODES);
                }, this::showFailure);
    }

    /** Ten new recovery codes replace the old ones (the server may ask for a fresh code first). */
    public void regenerateRecoveryCodes() {
        message.set("");
        calls.call(busy, () -> connection.auth().regenerateRecoveryCodes(RegenerateRecoveryCodesRequest.getDefaultInstance()),
                answer -> {
                    recoveryCodes.setAll(answer.getRecoveryCodesList());
                    stage.set(Stage.RECOVERY_CODES);
                }, this::showFailure);
    }

    /** Back to the overview (after noting the codes, or cancelling an enrolment), with the status read again. */
    public void backToOverview() {
        recoveryCodes.clear();
        message.set("");
        code.set("");
        stage.set(Stage.OVERVIEW);
        load();
    }

    private void showFailure(CallFailure failure) {
        message.set(failure.message());
        code.set("");
    }

    public ObjectProperty<Stage> stageProperty() {
        return stage;
    }

    public BooleanProperty loadedProperty() {
        return loaded;
    }

    public BooleanProperty enrolledProperty() {
        return enrolled;
    }

    public BooleanProperty requiredProperty() {
        return required;
    }

    public IntegerProperty recoveryCodesLeftProperty() {
        return recoveryCodesLeft;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty detailProperty() {
        return detail;
    }

    public StringProperty warningProperty() {
        return warning;
    }

    public StringProperty codeProperty() {
        return code;
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
