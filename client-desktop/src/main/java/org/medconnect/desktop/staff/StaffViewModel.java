package org.medconnect.desktop.staff;

import java.time.Instant;
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
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.proto.staff.v1.DeactivateUserRequest;
import org.medconnect.proto.staff.v1.ListUsersRequest;
import org.medconnect.proto.staff.v1.ListUsersResponse;
import org.medconnect.proto.staff.v1.ReactivateUserRequest;
import org.medconnect.proto.staff.v1.StaffUser;

/** The staff list: search, filters, paging, and activating/deactivating accounts. */
public final class StaffViewModel {

    static final int PAGE_SIZE = 50;

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObjectProperty<Role> roleFilter = new SimpleObjectProperty<>(Role.ROLE_UNSPECIFIED);
    private final BooleanProperty showInactive = new SimpleBooleanProperty();
    private final ObservableList<StaffUser> users = FXCollections.observableArrayList();
    private final ObjectProperty<StaffUser> selected = new SimpleObjectProperty<>();
    private final StringProperty nextPageToken = new SimpleStringProperty("");
    private final IntegerProperty totalCount = new SimpleIntegerProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    // Answers to an older search must not overwrite a newer one.
    private long generation;

    public StaffViewModel(ServerConnection connection, ServerCalls calls) {
        this.connection = connection;
        this.calls = calls;
        roleFilter.addListener((obs, old, now) -> reload());
        showInactive.addListener((obs, old, now) -> reload());
    }

    public void reload() {
        load("", false);
    }

    public void loadMore() {
        if (!nextPageToken.get().isEmpty()) {
            load(nextPageToken.get(), true);
        }
    }

    private void load(String pageToken, boolean append) {
        long mine = ++generation;
        ListUsersRequest request = ListUsersRequest.newBuilder()
                .setQuery(query.get() == null ? "" : query.get().strip())
                .setRole(roleFilter.get() == null ? Role.ROLE_UNSPECIFIED : roleFilter.get())
                .setIncludeInactive(showInactive.get())
                .setPage(PageRequest.newBuilder().setPageSize(PAGE_SIZE).setPageToken(pageToken))
                .build();
        calls.call(busy, () -> connection.staff().listUsers(request), response -> {
            if (mine == generation) {
                apply(response, append);
            }
        }, this::showFailure);
    }

    private void apply(ListUsersResponse response, boolean append) {
        String keep = selected.get() == null ? null : selected.get().getUserId();
        if (append) {
            users.addAll(response.getUsersList());
        } else {
            users.setAll(response.getUsersList());
        }
        nextPageToken.set(response.getPage().getNextPageToken());
        totalCount.set(Math.max(response.getPage().getTotalCount(), users.size()));
        message.set("");
        if (keep != null) {
            users.stream().filter(u -> u.getUserId().equals(keep)).findFirst().ifPresent(selected::set);
        }
    }

    public void deactivate(StaffUser user) {
        calls.call(busy, () -> connection.staff().deactivateUser(
                DeactivateUserRequest.newBuilder().setUserId(user.getUserId()).build()).getUser(),
                this::replace, this::showFailure);
    }

    public void reactivate(StaffUser user) {
        calls.call(busy, () -> connection.staff().reactivateUser(
                ReactivateUserRequest.newBuilder().setUserId(user.getUserId()).build()).getUser(),
                this::replace, this::showFailure);
    }

    /** Puts a changed or new account into the list without a full reload. */
    public void replace(StaffUser changed) {
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).getUserId().equals(changed.getUserId())) {
                if (!changed.getActive() && !showInactive.get()) {
                    users.remove(i);
                    totalCount.set(Math.max(0, totalCount.get() - 1));
                } else {
                    users.set(i, changed);
                    selected.set(changed);
                }
                return;
            }
        }
        users.addFirst(changed);
        totalCount.set(totalCount.get() + 1);
        selected.set(changed);
    }

    private void showFailure(CallFailure failure) {
        message.set(failure.message());
    }

    /** Active, Inactive or Locked, as the Status column shows it. */
    public static String status(StaffUser user, Instant now) {
        if (!user.getActive()) {
            return "Inactive";
        }
        if (user.hasLockedUntil() && Instant.ofEpochSecond(user.getLockedUntil().getSeconds()).isAfter(now)) {
            return "Locked";
        }
        return "Active";
    }

    public StringProperty queryProperty() { return query; }
    public ObjectProperty<Role> roleFilterProperty() { return roleFilter; }
    public BooleanProperty showInactiveProperty() { return showInactive; }
    public ObservableList<StaffUser> users() { return users; }
    public ObjectProperty<StaffUser> selectedProperty() { return selected; }
    public StringProperty nextPageTokenProperty() { return nextPageToken; }
    public IntegerProperty totalCountProperty() { return totalCount; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }
}
