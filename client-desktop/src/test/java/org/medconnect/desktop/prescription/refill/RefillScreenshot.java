package org.medconnect.desktop.prescription.refill;

import com.google.protobuf.Timestamp;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.Dialogs;
import org.medconnect.desktop.platform.Directory;
import org.medconnect.desktop.platform.FrontDesk;
import org.medconnect.desktop.platform.NavigationWorkspace;
import org.medconnect.desktop.platform.OverlayHost;
import org.medconnect.desktop.platform.SameThreadTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.desktop.platform.Theme;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.patient.v1.Patient;
import org.medconnect.proto.prescription.v1.PrescriptionStatus;
import org.medconnect.proto.prescription.v1.RefillRequest;
import org.medconnect.proto.prescription.v1.RefillRequestStatus;
import org.medconnect.proto.schedule.v1.Doctor;

/**
 * Reception's and the doctor's Refill requests at 1366x768 in their workspaces' navigation, rendered
 * by JavaFX's software pipeline into docs/screenshots/refill-requests-reception.png and
 * refill-requests-doctor.png (first argument: the folder).
 */
public final class RefillScreenshot {

    static final ZoneId ZONE = ZoneOffset.UTC;
    static final Instant NOW = Instant.parse("2026-12-10T11:30:00Z");

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(folder);
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                reception(folder.resolve("refill-requests-reception.png"));
                doctor(folder.resolve("refill-requests-doctor.png"));
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                done.countDown();
            }
        });
        done.await(60, TimeUnit.SECONDS);
        Platform.exit();
        System.exit(0);
    }

    static ServerCalls calls() {
        return new ServerCalls(new SameThreadTaskRunner(), new ServerErrors(() -> "x:1", ZONE), new SessionState());
    }

    static Timestamp at(String iso) {
        return ClinicTime.timestamp(Instant.parse(iso));
    }

    static RefillRequest request(String id, String patient, String mrn, String doctor, String note, RefillRequestStatus status,
                                 String askedAt) {
        return RefillRequest.newBuilder().setRefillRequestId(id).setPatientId("p-" + id).setPatientName(patient).setPatientMrn(mrn)
                .setDoctorId("d-" + doctor.length()).setDoctorName(doctor).setNote(note).setStatus(status)
                .setRequestedByName("Maria Lopez").setRequestedAt(at(askedAt)).setVersion(1).build();
    }

    static final Doctor CHEN = Doctor.newBuilder().setDoctorId("doc-chen").setDisplayName("Dr Anna Chen").setSpecialization("Cardiologist").build();
    static final Doctor ADEYEMI = Doctor.newBuilder().setDoctorId("doc-adeyemi").setDisplayName("Dr Samuel Adeyemi")
            .setSpecialization("Family physician").build();

    static void reception(Path out) throws Exception {
        Scene scene = receptionScene();
        write(scene.snapshot(null), out);
    }

    static void doctor(Path out) throws Exception {
        Scene scene = doctorScene();
        write(scene.snapshot(null), out);
    }

    /** Reception's workspace on Refill requests: two waiting, a declined one selected (its reason in full below), long names. */
    static Scene receptionScene() {
        var server = new RefillDeskViewModelTest.FakeServer();
        server.stored.add(request("1", "Zoë Ångström-Dvořák", "MC1000017", "Dr Anna Chen", "Her blood pressure tablets, the same as last time",
                RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, "2026-12-10T09:12:00Z"));
        server.stored.add(request("2", "Дмитрий Иванов", "MC1000023", "Dr Samuel Adeyemi", "Inhaler, the blue one",
                RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, "2026-12-10T10:40:00Z"));
        server.stored.add(request("3", "Bartholomew Featherstonehaugh-Smythe", "MC1000031", "Dr Anna Chen", "Cholesterol medicine",
                RefillRequestStatus.REFILL_REQUEST_STATUS_DECLINED, "2026-12-09T15:05:00Z").toBuilder()
                .setDecidedAt(at("2026-12-10T08:30:00Z")).setDecidedByName("Dr Anna Chen")
                .setDeclineReason("Needs a blood test and a review visit first; please book one this week").build());
        server.stored.add(request("4", "María José García", "MC1000044", "Dr Samuel Adeyemi", "Metformin, running out on Friday",
                RefillRequestStatus.REFILL_REQUEST_STATUS_APPROVED, "2026-12-09T11:20:00Z").toBuilder()
                .setDecidedAt(at("2026-12-09T16:02:00Z")).setDecidedByName("Dr Samuel Adeyemi").build());
        server.stored.add(request("5", "Ada Obi", "MC1000052", "Dr Anna Chen", "Eye drops",
                RefillRequestStatus.REFILL_REQUEST_STATUS_CANCELLED, "2026-12-08T10:00:00Z").toBuilder()
                .setDecidedAt(at("2026-12-08T12:00:00Z")).build());
        var model = new RefillDeskViewModel(server, calls(), ZONE);
        var desk = new StubDesk(calls());
        model.patientProperty().set(Patient.newBuilder().setPatientId("p-9").setGivenName("Amara").setFamilyName("Nwosu")
                .setMrn("MC1000068").build());
        model.doctorProperty().set(ADEYEMI);
        model.noteProperty().set("The pain relief gel for her knee");
        NavigationWorkspace workspace = new NavigationWorkspace("RECEPTION");
        for (String[] s : new String[][] {{"day-board", "Day board"}, {"queue", "Queue"}, {"appointments", "Appointments"},
                {"patients", "Patients"}, {"invoices", "Invoices"}, {"waiting-list", "Waiting list"}, {"follow-ups", "Follow-ups"}}) {
            workspace.add(s[0], s[1], () -> new Label(s[1]));
        }
        workspace.add("refill-requests", "Refill requests", () -> new RefillDeskView(model, desk));
        workspace.add("doctor-absence", "Doctor absence", () -> new Label("Doctor absence"));
        Scene scene = new Scene(workspace, 1366, 768);
        Theme.apply(scene);
        ((ButtonBase) scene.lookup("#nav-refill-requests")).fire();
        ((TableView<?>) scene.lookup("#refill-desk-table")).getSelectionModel().select(2); // the decline, its reason in full below
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return scene;
    }

    /** The doctor's workspace on Refill requests: three waiting, the first being renewed. */
    static Scene doctorScene() {
        var server = new RefillInboxViewModelTest.FakeServer();
        server.pending.add(request("1", "Zoë Ångström-Dvořák", "MC1000017", "Dr Anna Chen", "Her blood pressure tablets, the same as last time",
                RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, "2026-12-10T09:12:00Z"));
        server.pending.add(request("2", "Bartholomew Featherstonehaugh-Smythe", "MC1000031", "Dr Anna Chen", "Cholesterol medicine",
                RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, "2026-12-10T10:05:00Z").toBuilder().setRequestedByName("Sam Okoro").build());
        server.pending.add(request("3", "Дмитрий Иванов", "MC1000023", "Dr Anna Chen", "Inhaler, the blue one",
                RefillRequestStatus.REFILL_REQUEST_STATUS_PENDING, "2026-12-10T10:40:00Z"));
        server.prescriptions.add(RefillInboxViewModelTest.prescription("rx-1", PrescriptionStatus.PRESCRIPTION_STATUS_SIGNED,
                at("2026-11-12T09:30:00Z").getSeconds(), "Lisinopril 10 mg tablet; Amlodipine 5 mg tablet").toBuilder()
                .setPrescriberName("Dr Anna Chen").build());
        server.prescriptions.add(RefillInboxViewModelTest.prescription("rx-2", PrescriptionStatus.PRESCRIPTION_STATUS_EXPIRED,
                at("2026-06-03T10:00:00Z").getSeconds(), "Lisinopril 5 mg tablet").toBuilder().setPrescriberName("Dr Samuel Adeyemi").build());
        var model = new RefillInboxViewModel(server, calls(), ZONE, (id, name, page) -> { });
        NavigationWorkspace workspace = new NavigationWorkspace("DOCTOR");
        for (String[] s : new String[][] {{"my-day", "My day"}, {"queue", "Queue"}, {"requests", "Requests"}}) {
            workspace.add(s[0], s[1], () -> new Label(s[1]));
        }
        workspace.add("refill-requests", "Refill requests", () -> new RefillInboxView(model));
        for (String[] s : new String[][] {{"week", "Week"}, {"availability", "My availability"}, {"my-figures", "My figures"}}) {
            workspace.add(s[0], s[1], () -> new Label(s[1]));
        }
        workspace.title("refill-requests").ifPresent(t -> t.bind(model.countProperty().asString("Refill requests (%d)")));
        Scene scene = new Scene(workspace, 1366, 768);
        Theme.apply(scene);
        ((ButtonBase) scene.lookup("#nav-refill-requests")).fire();
        ((TableView<?>) scene.lookup("#refill-inbox-table")).getSelectionModel().select(0);
        model.startRenewal(model.requests().getFirst());
        model.reasonProperty().set("");
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        return scene;
    }

    /** A FrontDesk with two doctors and nothing else: the refill screen only picks patients and doctors through it. */
    static final class StubDesk implements FrontDesk {
        private final Directory directory;
        private final ClinicTime time = new ClinicTime(java.time.Clock.fixed(NOW, ZONE));

        StubDesk(ServerCalls calls) {
            directory = new Directory(new ServerConnection(Duration.ofSeconds(1), s -> { }), calls);
            directory.accept(new Directory.Lists(List.of(), List.of(), List.of(CHEN, ADEYEMI), List.of()));
        }

        @Override public Directory directory() { return directory; }
        @Override public ClinicTime time() { return time; }
        @Override public Dialogs dialogs() { return new Dialogs(new OverlayHost()); }
        @Override public void onBooked(Consumer<Appointment> listener) { }
        @Override public void onChanged(Consumer<Appointment> listener) { }
        @Override public void booked(Appointment appointment) { }
        @Override public void changed(Appointment appointment) { }
        @Override public void openBooking(Prefill prefill) { }
        @Override public void openDetails(Appointment appointment) { }
        @Override public void openPatientForm(Optional<Patient> editing, Consumer<Patient> onSaved) { }
        @Override public void pickPatient(Consumer<Patient> onPicked) { }
        @Override public void openWaitingListForm(Optional<Patient> patient, Runnable onAdded) { }
    }

    public static void write(WritableImage image, Path out) throws Exception {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", out.toFile());
    }
}
