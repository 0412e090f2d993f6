package org.medconnect.desktop.platform;

import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.medconnect.proto.auth.v1.Principal;

/** Who is signed in, to which server, and how the connection is doing: what the top and status bars show. */
public final class SessionState {

    private final ObjectProperty<Principal> principal = new SimpleObjectProperty<>();
    private final StringProperty serverAddress = new SimpleStringProperty("");
    private final ObjectProperty<ConnectionState> connection = new SimpleObjectProperty<>(ConnectionState.NOT_CONNECTED);

    public ObjectProperty<Principal> principalProperty() {
        return principal;
    }

    public Optional<Principal> principal() {
        return Optional.ofNullable(principal.get());
    }

    public StringProperty serverAddressProperty() {
        return serverAddress;
    }

    public ObjectProperty<ConnectionState> connectionProperty() {
        return connection;
    }
}
