package org.medconnect.desktop.chart.plan;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.medconnect.desktop.platform.ClinicDates;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.proto.chart.v1.AddCarePlanRequest;
import org.medconnect.proto.chart.v1.CarePlan;
import org.medconnect.proto.chart.v1.CarePlanStatus;
import org.medconnect.proto.chart.v1.CompleteCarePlanRequest;
import org.medconnect.proto.chart.v1.GetReferralLetterRequest;
import org.medconnect.proto.chart.v1.GetReferralLetterResponse;
import org.medconnect.proto.chart.v1.ListCarePlansRequest;
import org.medconnect.proto.chart.v1.ListReferralsRequest;
import org.medconnect.proto.chart.v1.PlanServiceGrpc.PlanServiceBlockingStub;
import org.medconnect.proto.chart.v1.RecommendFollowUpRequest;
import org.medconnect.proto.chart.v1.ReferOutsideRequest;
import org.medconnect.proto.chart.v1.ReferToColleagueRequest;
import org.medconnect.proto.chart.v1.Referral;
import org.medconnect.proto.chart.v1.ReferralStatus;
import org.medconnect.proto.chart.v1.ReferralUrgency;
import org.medconnect.proto.chart.v1.UpdateCarePlanRequest;
import org.medconnect.proto.schedule.v1.Doctor;
import org.medconnect.proto.schedule.v1.ListDoctorsRequest;

/**
 * The chart's "Plans & referrals" page: the patient's care plans (add, edit from the version read,
 * complete), referrals (to a colleague chosen from the doctors list, or outside with the provider's
 * name and address; an outside referral's letter shown or saved) and "Recommend follow-up", which
 * lands on reception's Follow-ups list.
 */
public final class PlansViewModel {

    /** The plan service and the doctors list; the connection's stubs in the workstation, fakes in tests. */
    public interface Server {
        PlanServiceBlockingStub plans();

        List<Doctor> doctors();

        static Server over(ServerConnection connection) {
            return new Server() {
                @Override public PlanServiceBlockingStub plans() { return connection.plans(); }
                @Override public List<Doctor> doctors() {
                    return connection.schedule().listDoctors(ListDoctorsRequest.getDefaultInstance()).getDoctorsList();
                }
            };
        }
    }

    /** A referral letter: its bytes (to save) and its pages rendered with PDFBox (to show). */
    public record Letter(String fileName, byte[] pdf, List<BufferedImage> pages) {}

    public enum Due { IN_WEEKS, ON_DATE }

    private final String patientId;
    private final String callerId;
    private final Server server;
    private final ServerCalls calls;
    private final java.time.ZoneId zone;
    private final ObservableList<CarePlan> plans = FXCollections.observableArrayList();
    private final ObservableList<Referral> referrals = FXCollections.observableArrayList();
    private final ObservableList<Doctor> colleagues = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");

    // The care plan form: a new plan, or the edit of one (editing holds the version it started from).
    private final ObjectProperty<CarePlan> editing = new SimpleObjectProperty<>();
    private final StringProperty planTitle = new SimpleStringProperty("");
    private final StringProperty planDetails = new SimpleStringProperty("");
    private String planRequestId = UUID.randomUUID().toString();
    // Entered in error: the reason typed for the selected plan; such plans show only when asked for.
    private final StringProperty planErrorReason = new SimpleStringProperty("");
    private final BooleanProperty showEnteredInError = new SimpleBooleanProperty();
    private List<CarePlan> allPlans = List.of();

    // The referral form.
    private final BooleanProperty outside = new SimpleBooleanProperty();
    private final ObjectProperty<Doctor> colleague = new SimpleObjectProperty<>();
    private final StringProperty provider = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty referralReason = new SimpleStringProperty("");
    private final BooleanProperty urgent = new SimpleBooleanProperty();
    private String referralRequestId = UUID.randomUUID().toString();

    // The follow-up form.
    private final ObjectProperty<Due> due = new SimpleObjectProperty<>(Due.IN_WEEKS);
    private final IntegerProperty weeks = new SimpleIntegerProperty(4);
    private final ObjectProperty<LocalDate> dueOn = new SimpleObjectProperty<>();
    private final StringProperty followUpNote = new SimpleStringProperty("");
    private String followUpRequestId = UUID.randomUUID().toString();

    public PlansViewModel(String patientId, String callerId, Server server, ServerCalls calls, java.time.ZoneId zone) {
        this.zone = zone;
        this.patientId = patientId;
        this.callerId = callerId;
        this.server = server;
        this.calls = calls;
        showEnteredInError.addListener((o, was, now) -> showPlans());
    }

    public void reload() {
        calls.call(busy, () -> new Lists(server.plans().listCarePlans(ListCarePlansRequest.newBuilder().setPatientId(patientId).build())
                .getCarePlansList(), server.plans().listReferrals(ListReferralsRequest.newBuilder().setPatientId(patientId).build())
                .getReferralsList()), lists -> {
            allPlans = lists.plans();
            showPlans();
            referrals.setAll(lists.referrals());
            message.set("");
        }, failure -> message.set(failure.message()));
    }

    private void showPlans() {
        plans.setAll(allPlans.stream().filter(p -> showEnteredInError.get()
                || p.getStatus() != CarePlanStatus.CARE_PLAN_STATUS_ENTERED_IN_ERROR).toList());
    }

    /**
     * Marks a plan entered in error with the typed reason (required); it leaves the list and
     * stays in the history. A change made meanwhile elsewhere is refused with who made it, and
     * the reason stays for another try.
     */
    public void markEnteredInError(CarePlan plan) {
        if (plan == null || plan.getStatus() == CarePlanStatus.CARE_PLAN_STATUS_ENTERED_IN_ERROR) {
            return;
        }
        notice.set("");
        String reason = planErrorReason.get().strip();
        if (reason.isEmpty()) {
            message.set("Say why \"" + plan.getTitle() + "\" was entered in error.");
            return;
        }
        calls.call(busy, () -> server.plans().markCarePlanEnteredInError(org.medconnect.proto.chart.v1.MarkCarePlanEnteredInErrorRequest
                .newBuilder().setCarePlanId(plan.getId()).setExpectedVersion(plan.getVersion()).setReason(reason).build()).getCarePlan(), done -> {
            message.set("");
            notice.set("\"" + done.getTitle() + "\" entered in error.");
            planErrorReason.set("");
            if (editing.get() != null && editing.get().getId().equals(done.getId())) {
                newPlan();
            }
            reload();
        }, failure -> {
            message.set(failure.message());
            if (failure.code() == io.grpc.Status.Code.ABORTED) {
                reload();
            }
        });
    }

    private record Lists(List<CarePlan> plans, List<Referral> referrals) {}

    /** The colleagues to refer to: every doctor but the caller. */
    public void loadColleagues() {
        calls.call(new SimpleBooleanProperty(), server::doctors, doctors -> colleagues.setAll(doctors.stream()
                .filter(d -> !d.getDoctorId().equals(callerId)).toList()), failure -> message.set(failure.message()));
    }

    // ---- care plans ----

    /** Starts editing a plan: the form holds its text and the version it was read at. */
    public void edit(CarePlan plan) {
        if (plan == null || plan.getStatus() != CarePlanStatus.CARE_PLAN_STATUS_ACTIVE) {
            return;
        }
        editing.set(plan);
        planTitle.set(plan.getTitle());
        planDetails.set(plan.getDetails());
    }

    private void refreshEditing(String planId) {
        calls.call(busy, () -> server.plans().listCarePlans(ListCarePlansRequest.newBuilder().setPatientId(patientId).build())
                .getCarePlansList(), fresh -> {
            allPlans = fresh;
            showPlans();
            fresh.stream().filter(p -> p.getId().equals(planId) && p.getStatus() == CarePlanStatus.CARE_PLAN_STATUS_ACTIVE)
                    .findFirst().ifPresent(editing::set);
        }, failure -> { });
    }

    public void newPlan() {
        editing.set(null);
        planTitle.set("");
        planDetails.set("");
        planRequestId = UUID.randomUUID().toString();
    }

    /** Adds the new plan or saves the edit; a stale edit keeps the text and says who changed it. */
    public void savePlan() {
        String title = planTitle.get().strip();
        if (title.isEmpty()) {
            message.set("Give the plan a title.");
            return;
        }
        CarePlan from = editing.get();
        calls.call(busy, () -> from == null
                ? server.plans().addCarePlan(AddCarePlanRequest.newBuilder().setRequestId(planRequestId).setPatientId(patientId)
                        .setTitle(title).setDetails(planDetails.get()).build()).getCarePlan()
                : server.plans().updateCarePlan(UpdateCarePlanRequest.newBuilder().setCarePlanId(from.getId())
                        .setExpectedVersion(from.getVersion()).setTitle(title).setDetails(planDetails.get()).build()).getCarePlan(),
                saved -> {
                    message.set("");
                    notice.set(from == null ? "Plan added." : "Plan saved.");
                    newPlan();
                    reload();
                }, failure -> {
                    message.set(failure.message());
                    if (failure.code() == io.grpc.Status.Code.ABORTED && from != null) {
                        refreshEditing(from.getId()); // the text stays; the next save starts from the other person's version
                    }
                });
    }

    public void complete(CarePlan plan) {
        if (plan == null || plan.getStatus() != CarePlanStatus.CARE_PLAN_STATUS_ACTIVE) {
            return;
        }
        calls.call(busy, () -> server.plans().completeCarePlan(CompleteCarePlanRequest.newBuilder().setCarePlanId(plan.getId())
                .setExpectedVersion(plan.getVersion()).build()).getCarePlan(), done -> {
            notice.set("\"" + done.getTitle() + "\" completed.");
            if (editing.get() != null && editing.get().getId().equals(done.getId())) {
                newPlan();
            }
            reload();
        }, failure -> message.set(failure.message()));
    }

    // ---- referrals ----

    public void refer() {
        String reason = referralReason.get().strip();
        if (reason.isEmpty()) {
            message.set("Say why the patient is referred.");
            return;
        }
        ReferralUrgency urgency = urgent.get() ? ReferralUrgency.REFERRAL_URGENCY_URGENT : ReferralUrgency.REFERRAL_URGENCY_ROUTINE;
        String requestId = referralRequestId;
        if (outside.get()) {
            String name = provider.get().strip();
            if (name.isEmpty()) {
                message.set("Name the provider the patient is referred to.");
                return;
            }
            calls.call(busy, () -> server.plans().referOutside(ReferOutsideRequest.newBuilder().setRequestId(requestId)
                    .setPatientId(patientId).setProviderName(name).setAddress(address.get().strip()).setReason(reason)
                    .setUrgency(urgency).build()).getReferral(), this::referred, failure -> message.set(failure.message()));
        } else {
            Doctor to = colleague.get();
            if (to == null) {
                message.set("Choose the colleague the patient is referred to.");
                return;
            }
            calls.call(busy, () -> server.plans().referToColleague(ReferToColleagueRequest.newBuilder().setRequestId(requestId)
                    .setPatientId(patientId).setToDoctorId(to.getDoctorId()).setReason(reason).setUrgency(urgency).build())
                    .getReferral(), this::referred, failure -> message.set(failure.message()));
        }
    }

    private void referred(Referral referral) {
        notice.set("Referred to " + destination(referral) + ".");
        message.set("");
        referralReason.set("");
        provider.set("");
        address.set("");
        colleague.set(null);
        urgent.set(false);
        referralRequestId = UUID.randomUUID().toString();
        reload();
    }

    /** Whether the caller may cancel this referral: its author, while it is still open. */
    public boolean mayCancel(Referral r) {
        return r != null && r.getFromDoctorId().equals(callerId)
                && (r.getStatus() == ReferralStatus.REFERRAL_STATUS_SENT || r.getStatus() == ReferralStatus.REFERRAL_STATUS_ACCEPTED);
    }

    /** Cancels the caller's open referral (a colleague's access to the chart ends with it). */
    public void cancel(Referral r) {
        if (!mayCancel(r)) {
            return;
        }
        calls.call(busy, () -> server.plans().cancelReferral(org.medconnect.proto.chart.v1.CancelReferralRequest.newBuilder()
                .setReferralId(r.getId()).setExpectedVersion(r.getVersion()).build()).getReferral(), done -> {
            notice.set("Referral to " + destination(done) + " cancelled.");
            message.set("");
            reload();
        }, failure -> message.set(failure.message()));
    }

    /** Fetches an outside referral's letter and renders its pages (in the background). */
    public void letter(Referral referral, java.util.function.Consumer<Letter> show) {
        if (referral == null || !referral.getHasLetter()) {
            return;
        }
        calls.call(busy, () -> render(server.plans().getReferralLetter(GetReferralLetterRequest.newBuilder()
                .setReferralId(referral.getId()).build())), show, failure -> message.set(failure.message()));
    }

    static Letter render(GetReferralLetterResponse response) {
        byte[] bytes = response.getPdf().toByteArray();
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFRenderer renderer = new PDFRenderer(document);
            List<BufferedImage> pages = new ArrayList<>();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                pages.add(renderer.renderImageWithDPI(i, 96f));
            }
            return new Letter(response.getFileName(), bytes, List.copyOf(pages));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the referral letter", e);
        }
    }

    // ---- follow-up ----

    public void recommendFollowUp() {
        RecommendFollowUpRequest.Builder request = RecommendFollowUpRequest.newBuilder().setRequestId(followUpRequestId)
                .setPatientId(patientId).setNote(followUpNote.get().strip());
        if (due.get() == Due.ON_DATE) {
            if (dueOn.get() == null) {
                message.set("Choose the date the patient should be seen.");
                return;
            }
            request.setDueOn(dueOn.get().toString());
        } else {
            request.setDueInWeeks(weeks.get());
        }
        calls.call(busy, () -> server.plans().recommendFollowUp(request.build()).getFollowUp(), f -> {
            notice.set("Follow-up due " + ClinicDates.format(LocalDate.parse(f.getDueOn())) + " sent to reception.");
            message.set("");
            followUpNote.set("");
            followUpRequestId = UUID.randomUUID().toString();
        }, failure -> message.set(failure.message()));
    }

    // ---- words ----

    public static String status(CarePlanStatus s) {
        return switch (s) {
            case CARE_PLAN_STATUS_ACTIVE -> "Active";
            case CARE_PLAN_STATUS_COMPLETED -> "Completed";
            case CARE_PLAN_STATUS_ENTERED_IN_ERROR -> "Entered in error";
            default -> "";
        };
    }

    public static String status(ReferralStatus s) {
        return switch (s) {
            case REFERRAL_STATUS_SENT -> "Sent";
            case REFERRAL_STATUS_ACCEPTED -> "Accepted";
            case REFERRAL_STATUS_COMPLETED -> "Completed";
            case REFERRAL_STATUS_CANCELLED -> "Cancelled";
            case REFERRAL_STATUS_ENTERED_IN_ERROR -> "Entered in error";
            default -> "";
        };
    }

    /** "Dr Priya Sharma" or the outside provider's name (first line). */
    public static String destination(Referral r) {
        return r.getToDoctorName().isEmpty() ? r.getToExternal().lines().findFirst().orElse("") + " (outside)" : r.getToDoctorName();
    }

    public String date(com.google.protobuf.Timestamp t) {
        return t.getSeconds() == 0 ? "" : ClinicDates.format(java.time.Instant.ofEpochSecond(t.getSeconds())
                .atZone(zone).toLocalDate());
    }

    public ObservableList<CarePlan> plans() { return plans; }
    public StringProperty planErrorReasonProperty() { return planErrorReason; }
    public BooleanProperty showEnteredInErrorProperty() { return showEnteredInError; }
    public ObservableList<Referral> referrals() { return referrals; }
    public ObservableList<Doctor> colleagues() { return colleagues; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty messageProperty() { return message; }
    public StringProperty noticeProperty() { return notice; }
    public ObjectProperty<CarePlan> editingProperty() { return editing; }
    public StringProperty planTitleProperty() { return planTitle; }
    public StringProperty planDetailsProperty() { return planDetails; }
    public BooleanProperty outsideProperty() { return outside; }
    public ObjectProperty<Doctor> colleagueProperty() { return colleague; }
    public StringProperty providerProperty() { return provider; }
    public StringProperty addressProperty() { return address; }
    public StringProperty referralReasonProperty() { return referralReason; }
    public BooleanProperty urgentProperty() { return urgent; }
    public ObjectProperty<Due> dueProperty() { return due; }
    public IntegerProperty weeksProperty() { return weeks; }
    public ObjectProperty<LocalDate> dueOnProperty() { return dueOn; }
    public StringProperty followUpNoteProperty() { return followUpNote; }
}
