package org.medconnect.desktop.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.audit.v1.AuditEntry;
import org.medconnect.proto.audit.v1.AuditFilter;
import org.medconnect.proto.audit.v1.ChainBreak;
import org.medconnect.proto.audit.v1.ExportAuditRequest;
import org.medconnect.proto.audit.v1.ExportAuditResponse;
import org.medconnect.proto.audit.v1.ListAuditEntriesRequest;
import org.medconnect.proto.audit.v1.ListAuditEntriesResponse;
import org.medconnect.proto.audit.v1.ListSignInsRequest;
import org.medconnect.proto.audit.v1.ListSignInsResponse;
import org.medconnect.proto.audit.v1.VerifyAuditChainRequest;
import org.medconnect.proto.audit.v1.VerifyAuditChainResponse;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.proto.staff.v1.ListUsersRequest;
import org.medconnect.proto.staff.v1.StaffUser;

/** The admin audit screen: browse and filter the audit trail and the sign-in log, export CSV, verify the chain. */
public final class AuditViewModel {

    static final int PAGE_SIZE = 100;
    /** Verify and export walk the whole trail: far longer than an ordinary call may take. */
    static final Duration LONG_CALL = Duration.ofMinutes(10);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm:ss", Locale.ENGLISH);

    /** What the last "Verify chain" found; {@code intact} false carries the first break. */
    public record ChainResult(boolean intact, String headline, String detail, String headHash) {}

    private final ServerConnection connection;
    private final ServerCalls calls;
    private final ZoneId zone;

    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<AuditEntry> signIns = FXCollections.observableArrayList();
    private final ObservableList<StaffUser> users = FXCollections.observableArrayList();
    private final ObjectProperty<StaffUser> user = new SimpleObjectProperty<>();
    private final StringProperty actionPrefix = new SimpleStringProperty("");
    private final StringProperty patientId = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty entriesPageToken = new SimpleStringProperty("");
    private final StringProperty signInsPageToken = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty exportStatus = new SimpleStringProperty("");
    private final ObjectProperty<ChainResult> chain = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private final BooleanProperty verifying = new SimpleBooleanProperty();
    private long generation;

    public AuditViewModel(ServerConnection connection, ServerCalls calls, ZoneId zone) {
        this.connection = connection;
        this.calls = calls;
        this.zone = zone;
    }

    /** Fills the "who" choice with the staff list, then loads the newest entries and sign-ins. */
    public void start() {
        calls.call(new SimpleBooleanProperty(), () -> connection.staff().listUsers(ListUsersRequest.newBuilder()
                        .setIncludeInactive(true).setPage(PageRequest.newBuilder().setPageSize(200)).build()),
                response -> users.setAll(response.getUsersList()), failure -> { });
        search();
    }

    /** Loads the first page of both lists for the current filters. */
    public void search() {
        if (from.get() != null && to.get() != null && to.get().isBefore(from.get())) {
            message.set("The 'to' date is before the 'from' date.");
            return;
        }
        long mine = ++generation;
        loadEntries("", false, mine);
        loadSignIns("", false, mine);
    }

    public void loadOlderEntries() {
        if (!entriesPageToken.get().isEmpty()) {
            loadEntries(entriesPageToken.get(), true, generation);
        }
    }

    public void loadOlderSignIns() {
        if (!signInsPageToken.get().isEmpty()) {
            loadSignIns(signInsPageToken.get(), true, generation);
        }
    }

    private void loadEntries(String pageToken, boolean append, long mine) {
        ListAuditEntriesRequest request = ListAuditEntriesRequest.newBuilder().setFilter(filter())
                .setPage(PageRequest.newBuilder().setPageSize(PAGE_SIZE).setPageToken(pageToken)).build();
        calls.call(busy, () -> connection.audit().listAuditEntries(request), response -> {
            if (mine == generation) {
                applyEntries(response, append);
            }
        }, failure -> message.set(failure.message()));
    }

    private void applyEntries(ListAuditEntriesResponse response, boolean append) {
        if (append) {
            entries.addAll(response.getEntriesList());
        } else {
            entries.setAll(response.getEntriesList());
        }
        entriesPageToken.set(response.getPage().getNextPageToken());
        int total = response.getPage().getTotalCount();
        summary.set(total == 0 && entries.isEmpty() ? "No entries match."
                : total > entries.size() ? "Showing " + entries.size() + " of " + total + " entries"
                : entries.size() == 1 ? "1 entry" : entries.size() + " entries");
        message.set("");
    }

    private void loadSignIns(String pageToken, boolean append, long mine) {
        ListSignInsRequest.Builder request = ListSignInsRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageSize(PAGE_SIZE).setPageToken(pageToken));
        if (user.get() != null) {
            request.setUserId(user.get().getUserId());
        }
        if (from.get() != null) {
            request.setFrom(ClinicTime.startOf(from.get(), zone));
        }
        if (to.get() != null) {
            request.setTo(ClinicTime.startOf(to.get().plusDays(1), zone));
        }
        calls.call(busy, () -> connection.audit().listSignIns(request.build()), response -> {
            if (mine == generation) {
                applySignIns(response, append);
            }
        }, failure -> message.set(failure.message()));
    }

    private void applySignIns(ListSignInsResponse response, boolean append) {
        if (append) {
            signIns.addAll(response.getEntriesList());
        } else {
            signIns.setAll(response.getEntriesList());
        }
        signInsPageToken.set(response.getPage().getNextPageToken());
    }

    /** The filter as typed: the "to" day is included (the contract's "to" is exclusive, so the next midnight). */
    AuditFilter filter() {
        AuditFilter.Builder filter = AuditFilter.newBuilder()
                .setActionPrefix(actionPrefix.get() == null ? "" : actionPrefix.get().strip().toUpperCase(Locale.ROOT))
                .setPatientId(patientId.get() == null ? "" : patientId.get().strip());
        if (user.get() != null) {
            filter.setActorUserId(user.get().getUserId());
        }
        if (from.get() != null) {
            filter.setFrom(ClinicTime.startOf(from.get(), zone));
        }
        if (to.get() != null) {
            filter.setTo(ClinicTime.startOf(to.get().plusDays(1), zone));
        }
        return filter.build();
    }

    public void clearFilters() {
        user.set(null);
        actionPrefix.set("");
        patientId.set("");
        from.set(null);
        to.set(null);
        search();
    }

    /** Walks the whole chain on the server and shows the outcome. */
    public void verifyChain() {
        chain.set(null);
        calls.call(verifying, () -> connection.audit(LONG_CALL).verifyAuditChain(VerifyAuditChainRequest.getDefaultInstance()),
                response -> chain.set(result(response)), failure -> message.set(failure.message()));
    }

    ChainResult result(VerifyAuditChainResponse response) {
        if (response.getIntact()) {
            return new ChainResult(true, "Intact — " + response.getEntriesChecked() + " entries, head hash "
                    + abbreviate(response.getHeadHash()), "Note the head hash somewhere else (on paper, in an email to "
                    + "yourself): if the whole trail were ever rewritten, it would no longer end at this hash.",
                    response.getHeadHash());
        }
        ChainBreak broken = response.getFirstBreak();
        StringBuilder detail = new StringBuilder();
        detail.append("Entry ").append(broken.getEntryId()).append(" (position ").append(broken.getChainSeq()).append(')');
        if (broken.hasOccurredAt()) {
            detail.append(", ").append(time(broken.getOccurredAt()));
        }
        detail.append(".\n").append(broken.getExplanation());
        if (!broken.getExpected().isEmpty() || !broken.getFound().isEmpty()) {
            detail.append("\nExpected: ").append(broken.getExpected()).append("\nFound: ").append(broken.getFound());
        }
        return new ChainResult(false, "The audit trail has been tampered with: " + problem(broken), detail.toString(),
                response.getHeadHash());
    }

    private static String problem(ChainBreak broken) {
        return switch (broken.getProblem()) {
            case CHAIN_PROBLEM_MISSING_ENTRIES -> "entries are missing";
            case CHAIN_PROBLEM_BROKEN_LINK -> "an entry does not follow the one before";
            case CHAIN_PROBLEM_CHANGED -> "an entry was changed";
            case CHAIN_PROBLEM_END_MISSING -> "the newest entries are missing";
            case CHAIN_PROBLEM_SIGN_IN_RECORD -> "a sign-in record was changed";
            default -> "the first broken link is below";
        };
    }

    private static String abbreviate(String hash) {
        return hash.length() > 16 ? hash.substring(0, 16) + "…" : hash;
    }

    /**
     * Streams the CSV of the entries matching the filters into {@code file}, in the background. The rows go to a
     * temporary file first so a failed or refused export (step-up is asked for by {@link ServerCalls} and the whole
     * export retried) never leaves half a file under the chosen name.
     */
    public void exportTo(Path file) {
        AuditFilter exportFilter = filter();
        exportStatus.set("Exporting…");
        calls.call(exporting, () -> {
            Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), ".audit-export-", ".part");
            long bytes = 0;
            try (OutputStream out = Files.newOutputStream(partial)) {
                Iterator<ExportAuditResponse> chunks = connection.audit(LONG_CALL)
                        .exportAudit(ExportAuditRequest.newBuilder().setFilter(exportFilter).build());
                while (chunks.hasNext()) {
                    byte[] chunk = chunks.next().getCsvChunk().toByteArray();
                    out.write(chunk);
                    bytes += chunk.length;
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            return bytes;
        }, bytes -> exportStatus.set("Exported to " + file.getFileName() + " (" + kilobytes(bytes) + ")."),
                failure -> exportStatus.set("Export failed: " + failure.message()));
    }

    static String kilobytes(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : String.format(Locale.ENGLISH, "%.1f KB", bytes / 1024.0);
    }

    /** An entry's time in clinic time, with the seconds an auditor wants. */
    public String time(com.google.protobuf.Timestamp timestamp) {
        return WHEN.format(ClinicTime.instant(timestamp).atZone(zone));
    }

    /** "maria (maria)" or "System" for entries with no actor. */
    public static String who(AuditEntry entry) {
        return entry.getActorUsername().isEmpty() ? (entry.getActorUserId().isEmpty() ? "System" : entry.getActorUserId())
                : entry.getActorUsername();
    }

    public static String target(AuditEntry entry) {
        if (entry.getTargetType().isEmpty()) {
            return "";
        }
        return entry.getTargetId().isEmpty() ? entry.getTargetType() : entry.getTargetType() + " " + entry.getTargetId();
    }

    public ObservableList<AuditEntry> entries() { return entries; }
    public ObservableList<AuditEntry> signIns() { return signIns; }
    public ObservableList<StaffUser> users() { return users; }
    public ObjectProperty<StaffUser> userProperty() { return user; }
    public StringProperty actionPrefixProperty() { return actionPrefix; }
    public StringProperty patientIdProperty() { return patientId; }
    public ObjectProperty<LocalDate> fromProperty() { return from; }
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public StringProperty entriesPageTokenProperty() { return entriesPageToken; }
    public StringProperty signInsPageTokenProperty() { return signInsPageToken; }
    public StringProperty summaryProperty() { return summary; }
    public StringProperty messageProperty() { return message; }
    public StringProperty exportStatusProperty() { return exportStatus; }
    public ObjectProperty<ChainResult> chainProperty() { return chain; }
    public BooleanProperty busyProperty() { return busy; }
    public BooleanProperty exportingProperty() { return exporting; }
    public BooleanProperty verifyingProperty() { return verifying; }
}
