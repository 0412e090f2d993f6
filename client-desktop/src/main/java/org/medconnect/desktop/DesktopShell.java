package org.medconnect.desktop;

import atlantafx.base.theme.Styles;
import io.grpc.ConnectivityState;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.medconnect.desktop.workspace.AdminConsole;
import org.medconnect.desktop.workspace.DoctorWorkspace;
import org.medconnect.desktop.workspace.NurseWorkspace;
import org.medconnect.desktop.signin.ChangePasswordView;
import org.medconnect.desktop.signin.ChangePasswordViewModel;
import org.medconnect.desktop.signin.SecondFactorView;
import org.medconnect.desktop.signin.SecondFactorViewModel;
import org.medconnect.desktop.signin.SecurityView;
import org.medconnect.desktop.signin.SecurityViewModel;
import org.medconnect.desktop.platform.StepUpDialog;
import org.medconnect.desktop.signin.SignInView;
import org.medconnect.desktop.signin.SignInViewModel;
import org.medconnect.desktop.platform.CallFailure;
import org.medconnect.desktop.platform.ClinicClock;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ConnectionState;
import org.medconnect.desktop.platform.DesktopPreferences;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.OtherWindows;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.Roles;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerTrust;
import org.medconnect.desktop.platform.FingerprintDialog;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.StatusBar;
import org.medconnect.desktop.platform.TaskRunner;
import org.medconnect.desktop.platform.live.AppointmentFeed;
import org.medconnect.desktop.platform.live.LiveIndicator;
import org.medconnect.desktop.platform.live.LiveState;
import org.medconnect.desktop.notification.InboxView;
import org.medconnect.desktop.notification.InboxViewModel;
import org.medconnect.desktop.workspace.ReceptionWorkspace;
import org.medconnect.proto.auth.v1.Principal;
import org.medconnect.proto.auth.v1.SignInResponse;
import org.medconnect.proto.common.v1.Role;
import org.medconnect.shared.locale.ClinicLocale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the workstation together and moves between its screens: sign-in, the role's workspace,
 * the change-password and session-ended sheets, sign-out. Owns the server connection.
 */
public final class DesktopShell implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DesktopShell.class);
    static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

    private final DesktopPreferences preferences;
    private final TaskRunner runner;
    private final ClinicClock clock;
    // True from the moment this console sends a restore until it signs out (or the restore is refused).
    private volatile boolean restoring;
    private final String workstation;
    private final SessionState session = new SessionState();
    private final ServerConnection connection;
    private final ServerCalls calls;
    private final OverlayHost overlays = new OverlayHost();
    private final Dialogs dialogs = new Dialogs(overlays);
    private final BorderPane root = new BorderPane();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("MedConnect");
    private OverlayHost.Sheet resumeSheet;
    private OverlayHost.Sheet passwordSheet;
    private Timeline idleWatch;
    private Duration idleTimeout = Duration.ZERO;
    private java.time.Instant lastAnswer = java.time.Instant.MIN;
    // One WatchAppointments stream per signed-in session (docs/decisions/0013); null while signed out.
    private AppointmentFeed feed;
    private InboxViewModel inbox;
    // --server= prefills the first sign-in only; it is remembered once a sign-in succeeds.
    private Optional<String> serverOverride;
    // Said once the workspace is open, when the sign-in left few recovery codes.
    private String fewRecoveryCodes;

    public DesktopShell(DesktopPreferences preferences, TaskRunner runner, Optional<String> serverOverride, Clock clock,
                        String workstation) {
        this(preferences, runner, serverOverride, clock, workstation,
                ServerTrust.of(preferences, Optional.empty(), new FingerprintDialog()));
    }

    /** As above, with the certificate trust to use (a {@code --server-cert} file, the first-connection dialog). */
    public DesktopShell(DesktopPreferences preferences, TaskRunner runner, Optional<String> serverOverride, Clock clock,
                        String workstation, ServerTrust trust) {
        this.preferences = preferences;
        this.runner = runner;
        this.clock = new ClinicClock(clock);
        this.workstation = workstation;
        this.connection = new ServerConnection(CALL_DEADLINE, this::channelStateChanged, trust);
        this.calls = new ServerCalls(runner, new ServerErrors(connection::address, this.clock::getZone), session);
        calls.onSessionEnded(this::sessionEnded);
        calls.onAnswered(() -> lastAnswer = this.clock.instant());
        calls.onPasswordChangeRequired(failure -> session.principal()
                .ifPresent(principal -> askForNewPassword(principal, changed -> { })));
        calls.onStepUpRequired(new StepUpDialog(connection, calls));
        this.serverOverride = serverOverride;
        root.setCenter(overlays.node());
        root.setBottom(new StatusBar(session));
        showSignIn();
    }

    public Parent root() {
        return root;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    private void channelStateChanged(ConnectivityState state) {
        Runnable update = () -> {
            ConnectionState current = session.connectionProperty().get();
            switch (state) {
                case READY -> {
                    // The channel being up says nothing about the server's database; the next call result decides.
                    if (current != ConnectionState.DATABASE_UNAVAILABLE) {
                        session.callAnswered(ConnectionState.CONNECTED);
                    }
                }
                case TRANSIENT_FAILURE -> session.callAnswered(ConnectionState.LOST);
                case CONNECTING -> {
                    if (current == ConnectionState.NOT_CONNECTED) {
                        session.callAnswered(ConnectionState.CONNECTING);
                    }
                }
                default -> { } // IDLE just means no call for a while; keep what the last call told us
            }
        };
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }

    void showSignIn() {
        session.principalProperty().set(null);
        title.set("MedConnect — Sign in");
        SignInViewModel model = new SignInViewModel(connection, calls, preferences, workstation);
        model.onSignedIn(this::signedIn);
        model.onSecondFactor(this::askForSecondFactor);
        serverOverride.ifPresent(model.serverAddressProperty()::set);
        serverOverride = Optional.empty();
        if (session.serverAddressProperty().get().isEmpty()) {
            session.serverAddressProperty().set(ServerConnection.normalize(model.serverAddressProperty().get()));
        }
        overlays.setContent(new SignInView(model, false, "").screen());
    }

    /** The password was right; the sign-in card asks for the code (or enrols an authenticator app) next. */
    private void askForSecondFactor(SignInResponse pending) {
        title.set("MedConnect — Second factor");
        SecondFactorViewModel model = new SecondFactorViewModel(connection, calls, pending);
        model.onFewRecoveryCodes(warning -> fewRecoveryCodes = warning);
        model.onSignedIn(this::signedIn);
        overlays.setContent(new SecondFactorView(model, this::signOut).screen());
    }

    private void signedIn(SignInResponse response) {
        adoptClinicSettings(response);
        watchIdle(response.getIdleTimeoutSeconds());
        session.serverAddressProperty().set(connection.address());
        session.principalProperty().set(response.getPrincipal());
        log.info("Signed in as {}", response.getPrincipal().getUsername());
        if (response.getPrincipal().getPasswordChangeRequired()) {
            askForNewPassword(response.getPrincipal(), this::openWorkspace);
        } else {
            openWorkspace(response.getPrincipal());
        }
    }

    /** The clinic's zone and date format, as the server sent them, govern this workstation from now on. */
    private void adoptClinicSettings(SignInResponse response) {
        if (!response.getClinicTimeZone().isEmpty()) {
            try {
                clock.useClinicZone(ZoneId.of(response.getClinicTimeZone()));
            } catch (DateTimeException e) {
                log.warn("The server's clinic time zone '{}' is unknown here; keeping {}", response.getClinicTimeZone(), clock.getZone());
            }
        }
        int firstDay = response.getFirstDayOfWeek();
        if (!response.getDatePattern().isEmpty() && firstDay >= 1 && firstDay <= 7) {
            try {
                ClinicDates.use(new ClinicLocale(response.getClinicLocale(), response.getDatePattern(), DayOfWeek.of(firstDay)));
            } catch (IllegalArgumentException e) {
                log.warn("The server's date pattern '{}' is unusable; keeping {}", response.getDatePattern(),
                        ClinicDates.current().datePattern());
            }
        }
    }

    private void askForNewPassword(Principal principal, java.util.function.Consumer<Principal> then) {
        if (passwordSheet != null && passwordSheet.isOpen()) {
            // Calls still under way answer "change your password first": one sheet asks, not one per answer.
            return;
        }
        ChangePasswordViewModel model = new ChangePasswordViewModel(connection, calls, principal.getUsername());
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        ChangePasswordView view = new ChangePasswordView(model,
                "Your password was set by an administrator. Choose your own password to continue.", this::signOut);
        model.onChanged(changed -> {
            sheet[0].close();
            session.principalProperty().set(changed);
            then.accept(changed);
        });
        sheet[0] = overlays.show(view.card());
        passwordSheet = sheet[0];
    }

    void openWorkspace(Principal principal) {
        Role role = principal.getRolesList().stream().findFirst().orElse(Role.ROLE_UNSPECIFIED);
        stopFeed("Signed out.");
        AppointmentFeed sessionFeed = AppointmentFeed.forSession(connection, clock);
        Node workspace;
        String name;
        if (principal.getRolesList().contains(Role.ROLE_ADMIN)) {
            workspace = AdminConsole.create(connection, calls, dialogs, preferences.currency(), clock, sessionFeed, this::signOut,
                    underWay -> restoring = underWay);
            name = "Admin console";
            role = Role.ROLE_ADMIN;
        } else if (role == Role.ROLE_DOCTOR) {
            workspace = DoctorWorkspace.create(connection, calls, dialogs, clock, principal, sessionFeed);
            name = "Doctor";
        } else if (role == Role.ROLE_NURSE) {
            // A nurse's chart shows the pages a nurse may see: summary, vitals, allergies, contacts.
            org.medconnect.desktop.chart.ChartWindow charts = new org.medconnect.desktop.chart.ChartWindow(connection, calls,
                    dialogs, clock, principal, null);
            workspace = NurseWorkspace.create(connection, calls, clock, sessionFeed, charts::open);
            name = "Nurse";
        } else if (role == Role.ROLE_RECEPTIONIST) {
            workspace = ReceptionWorkspace.create(connection, calls, dialogs, clock, sessionFeed);
            name = "Reception";
        } else {
            sessionFeed.close();
            dialogs.inform("No workspace", "Your account has no role this workstation knows. Ask an administrator.");
            return;
        }
        feed = sessionFeed;
        // One connection state: the status bar says what the header's live indicator says.
        sessionFeed.stateProperty().addListener((obs, old, now) -> session.feedState(connectionOf(now, sessionFeed.everLive())));
        session.feedState(connectionOf(sessionFeed.stateProperty().get(), sessionFeed.everLive()));
        sessionFeed.onSessionEnded(() -> sessionEnded(null));
        title.set("MedConnect — " + name);
        closeInbox();
        inbox = new InboxViewModel(connection, calls, Platform::runLater);
        if (workspace instanceof org.medconnect.desktop.platform.NavigationWorkspace nav) {
            nav.appointmentOpener().ifPresent(inbox::opensAppointmentsWith);
            inbox.onArrival(nav::notified);
            inbox.opensScreensWith(nav::screenFor);
        }
        inbox.start();
        BorderPane frame = new BorderPane(workspace);
        frame.setId("workspace-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        frame.setTop(topBar(principal, role, name));
        resumeSheet = null;
        overlays.setContent(frame);
        sessionFeed.start();
        if (fewRecoveryCodes != null) {
            dialogs.inform("Few recovery codes left", fewRecoveryCodes);
            fewRecoveryCodes = null;
        }
    }

    /** The user's own Security sheet (second factor, recovery codes), from the header. */
    private void openSecurity() {
        SecurityViewModel model = new SecurityViewModel(connection, calls, clock::getZone);
        OverlayHost.Sheet[] sheet = new OverlayHost.Sheet[1];
        sheet[0] = overlays.show(new SecurityView(model, () -> sheet[0].close()).card());
        model.load();
    }

    private void stopFeed(String why) {
        if (feed != null) {
            feed.close(why);
            feed = null;
            session.feedStopped();
        }
    }

    /** The status bar's word for the header's state (LiveIndicator says "Connecting…" until first live). */
    private static ConnectionState connectionOf(LiveState state, boolean everLive) {
        return switch (state) {
            case LIVE -> ConnectionState.CONNECTED;
            case RECONNECTING -> everLive ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING;
            case OFFLINE -> ConnectionState.OFFLINE;
        };
    }

    /**
     * The server ends a session after {@code idleTimeout} without a call; the workstation locks at the same
     * moment instead of leaving the last screen readable until someone clicks.
     */
    private void watchIdle(int idleTimeoutSeconds) {
        stopIdleWatch();
        if (idleTimeoutSeconds <= 0) {
            return;
        }
        idleTimeout = Duration.ofSeconds(idleTimeoutSeconds);
        lastAnswer = clock.instant();
        idleWatch = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> {
            if (session.principal().isPresent() && !clock.instant().isBefore(lastAnswer.plus(idleTimeout))) {
                sessionEnded(null);
            }
        }));
        idleWatch.setCycleCount(Animation.INDEFINITE);
        idleWatch.play();
    }

    private void stopIdleWatch() {
        if (idleWatch != null) {
            idleWatch.stop();
            idleWatch = null;
        }
    }

    private Node topBar(Principal principal, Role role, String workspaceName) {
        Label brand = new Label("MedConnect");
        brand.getStyleClass().addAll(Styles.TITLE_4, Styles.ACCENT);
        Label area = new Label(workspaceName);
        area.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label user = new Label(principal.getDisplayName());
        user.setId("top-user");
        user.getStyleClass().add(Styles.TEXT_BOLD);
        Label roleLabel = new Label(Roles.label(role));
        roleLabel.setId("top-role");
        roleLabel.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        VBox who = new VBox(0, user, roleLabel);
        who.setAlignment(Pos.CENTER_RIGHT);
        Button security = new Button("Security");
        security.setId("open-security");
        security.getStyleClass().add(Styles.BUTTON_OUTLINED);
        security.setOnAction(e -> openSecurity());
        Button signOut = new Button("Sign out");
        signOut.setId("sign-out");
        signOut.getStyleClass().add(Styles.BUTTON_OUTLINED);
        signOut.setOnAction(e -> signOut());
        HBox bar = new HBox(12, brand, area, new LiveIndicator(feed), spacer, new InboxView(inbox, clock), who, security, signOut);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 16, 8, 16));
        bar.getStyleClass().add("app-bar");
        return bar;
    }

    /**
     * Locks every screen at once when the session is over (a call or the live stream answered UNAUTHENTICATED,
     * or the idle time ran out): the lock hides what is beneath, which keeps what was typed for the same user.
     */
    private void sessionEnded(CallFailure failure) {
        if (resumeSheet != null && resumeSheet.isOpen()) {
            return;
        }
        if (restoring) {
            // A restore from this console ends every session; its sheet says so and offers "Sign in again".
            return;
        }
        Principal previous = session.principal().orElse(null);
        if (previous == null) {
            return;
        }
        SignInViewModel model = new SignInViewModel(connection, calls, preferences, workstation);
        model.serverAddressProperty().set(connection.address());
        model.usernameProperty().set(previous.getUsername());
        SignInView view = new SignInView(model, true,
                "Your session ended (idle for too long). Sign in again to continue.");
        view.card().setId("resume-sheet");
        OverlayHost.Sheet sheet = overlays.lock(view.card());
        // Charts and viewers in windows of their own are covered too; the waiting-room display says it is paused.
        Runnable uncoverOthers = OtherWindows.lock(mainWindow());
        resumeSheet = sheet;
        stopIdleWatch();
        model.onSignedIn(response -> {
            adoptClinicSettings(response);
            watchIdle(response.getIdleTimeoutSeconds());
            Principal now = response.getPrincipal();
            session.principalProperty().set(now);
            if (now.getUserId().equals(previous.getUserId())) {
                sheet.close();
                uncoverOthers.run();
                resumeSheet = null;
                if (feed != null) {
                    feed.reconnectNow(); // the stream ended with the session; resume it now, not after the backoff
                }
                if (now.getPasswordChangeRequired()) {
                    askForNewPassword(now, p -> { });
                }
            } else {
                OtherWindows.closeAll(mainWindow());
                overlays.closeAll();
                signedIn(response);
            }
        });
    }

    void signOut() {
        restoring = false;
        stopIdleWatch();
        stopFeed("Signed out.");
        // Best effort: the server ends the session; the workstation forgets it either way.
        runner.run(connection.endSession(), r -> { }, t -> log.debug("Sign-out call failed: {}", t.toString()));
        closeInbox();
        OtherWindows.closeAll(mainWindow());
        overlays.closeAll();
        showSignIn();
    }

    private javafx.stage.Window mainWindow() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void closeInbox() {
        if (inbox != null) {
            inbox.close();
            inbox = null;
        }
    }

    public SessionState session() {
        return session;
    }

    /** The signed-in session's live feed, when someone is signed in. */
    public java.util.Optional<AppointmentFeed> feed() {
        return java.util.Optional.ofNullable(feed);
    }

    @Override
    public void close() {
        stopIdleWatch();
        stopFeed("The workstation is closing.");
        closeInbox();
        connection.close();
    }
}
