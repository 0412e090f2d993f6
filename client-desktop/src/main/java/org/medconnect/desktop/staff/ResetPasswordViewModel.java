package org.medconnect.desktop.staff;

import java.security.SecureRandom;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.staff.v1.ResetPasswordRequest;
import org.medconnect.proto.staff.v1.StaffUser;
import org.medconnect.shared.staff.StaffRules;

/** Setting a temporary password for someone who forgot theirs or got locked out. */
public final class ResetPasswordViewModel {

    // No 0/O, 1/l/I: the admin reads it out or writes it down.
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final StaffUser user;
    private final SecureRandom random = new SecureRandom();
    private final StringProperty temporaryPassword = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private Consumer<StaffUser> onDone = u -> {};

    public ResetPasswordViewModel(ServerConnection connection, ServerCalls calls, StaffUser user) {
        this.connection = connection;
        this.calls = calls;
        this.user = user;
    }

    public void onDone(Consumer<StaffUser> handler) {
        this.onDone = handler;
    }

    public void generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        temporaryPassword.set(password.toString());
    }

    public void submit() {
        if (busy.get()) {
            return;
        }
        error.set(StaffRules.checkNewPassword(temporaryPassword.get(), user.getUsername()).orElse(""));
        if (!error.get().isEmpty()) {
            return;
        }
        message.set("");
        ResetPasswordRequest request = ResetPasswordRequest.newBuilder()
                .setUserId(user.getUserId()).setTemporaryPassword(temporaryPassword.get()).build();
        calls.call(busy, () -> connection.staff().resetPassword(request).getUser(), done -> onDone.accept(done), failure -> {
            error.set(failure.fieldErrors().getOrDefault("temporary_password", ""));
            message.set(failure.message());
        });
    }

    public StaffUser user() { return user; }
    public StringProperty temporaryPasswordProperty() { return temporaryPassword; }
    public StringProperty errorProperty() { return error; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
