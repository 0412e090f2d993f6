package org.medconnect.server.platform;

import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.audit.v1.AuditServiceGrpc;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.billing.v1.BillingServiceGrpc;
import org.medconnect.proto.chart.v1.AllergyServiceGrpc;
import org.medconnect.proto.chart.v1.CodingServiceGrpc;
import org.medconnect.proto.chart.v1.MedicationServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionServiceGrpc;
import org.medconnect.proto.prescription.v1.RefillServiceGrpc;
import org.medconnect.proto.prescription.v1.PrescriptionPaperServiceGrpc;
import org.medconnect.proto.chart.v1.ProblemServiceGrpc;
import org.medconnect.proto.chart.v1.ChartServiceGrpc;
import org.medconnect.proto.chart.v1.AdmissionServiceGrpc;
import org.medconnect.proto.chart.v1.PlanServiceGrpc;
import org.medconnect.proto.chart.v1.DocumentServiceGrpc;
import org.medconnect.proto.chart.v1.EncounterServiceGrpc;
import org.medconnect.proto.chart.v1.VitalsServiceGrpc;
import org.medconnect.proto.backup.v1.BackupServiceGrpc;
import org.medconnect.proto.report.v1.ReportServiceGrpc;
import org.medconnect.proto.notification.v1.NotificationServiceGrpc;
import org.medconnect.proto.patient.v1.PatientDemographicsServiceGrpc;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.prescription.v1.DrugServiceGrpc;
import org.medconnect.proto.queue.v1.QueueServiceGrpc;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.staff.v1.StaffServiceGrpc;

/**
 * The one table that says who may call each RPC. A method missing here is refused for
 * everyone (deny by default), and a test fails the build when a registered method has no rule.
 */
public final class AccessPolicy {

    /** What a caller needs to call one method. */
    public sealed interface Rule {}

    /** No token needed: sign-in and health only. */
    public record Public() implements Rule {}

    /** Any valid session, even one that must still change its password. */
    public record AnySession() implements Rule {}

    /**
     * Any valid session, including one that has passed the password but still owes its second factor
     * (verify a code, enrol an authenticator, sign out). Every other rule refuses such a session.
     */
    public record SecondFactorStep() implements Rule {}

    /** A valid session with a changed password and one of these roles. */
    public record Roles(Set<Role> roles) implements Rule {}

    private static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> CLINICAL_STAFF = EnumSet.of(Role.ADMIN, Role.DOCTOR, Role.RECEPTIONIST);
    private static final Set<Role> FRONT_DESK = EnumSet.of(Role.ADMIN, Role.RECEPTIONIST);
    private static final Set<Role> DOCTOR_OR_ADMIN = EnumSet.of(Role.ADMIN, Role.DOCTOR);
    private static final Set<Role> DESK_OR_DOCTOR = EnumSet.of(Role.ADMIN, Role.RECEPTIONIST, Role.DOCTOR);
    private static final Set<Role> DOCTOR = EnumSet.of(Role.DOCTOR);
    private static final Set<Role> DOCTOR_OR_NURSE = EnumSet.of(Role.DOCTOR, Role.NURSE);
    private static final Set<Role> RECEPTIONIST = EnumSet.of(Role.RECEPTIONIST);
    private static final Set<Role> RECEPTION_OR_DOCTOR = EnumSet.of(Role.RECEPTIONIST, Role.DOCTOR);
    /** Everyone who works with patients: the nurse reads today's checked-in patients (decision 0036). */
    private static final Set<Role> CARE_TEAM = EnumSet.of(Role.ADMIN, Role.DOCTOR, Role.RECEPTIONIST, Role.NURSE);
    /** Triage content (vitals, allergies): ChartAccess.requireTriage narrows it to the patients each may see. */

    private final Map<String, Rule> rules;

    private AccessPolicy(Map<String, Rule> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** The policy for every service the clinic server registers. */
    public static AccessPolicy clinic() {
        Map<String, Rule> r = new LinkedHashMap<>();
        put(r, HealthGrpc.getCheckMethod(), new Public());
        put(r, HealthGrpc.getWatchMethod(), new Public());
        put(r, ServerReflectionGrpc.getServerReflectionInfoMethod(), new AnySession());

        put(r, AuthServiceGrpc.getSignInMethod(), new Public());
        put(r, AuthServiceGrpc.getSignOutMethod(), new SecondFactorStep());
        put(r, AuthServiceGrpc.getWhoAmIMethod(), new SecondFactorStep());
        put(r, AuthServiceGrpc.getChangePasswordMethod(), new AnySession());
        // Second factor: the half-signed-in session finishes here; AuthService decides which step it owes.
        put(r, AuthServiceGrpc.getVerifySecondFactorMethod(), new SecondFactorStep());
        put(r, AuthServiceGrpc.getBeginTotpEnrolmentMethod(), new SecondFactorStep());
        put(r, AuthServiceGrpc.getConfirmTotpEnrolmentMethod(), new SecondFactorStep());
        put(r, AuthServiceGrpc.getStepUpMethod(), new Roles(EVERY_ROLE));
        // The Security page: one's own second factor (the service acts on the caller only).
        put(r, AuthServiceGrpc.getGetSecondFactorStatusMethod(), new Roles(EVERY_ROLE));
        put(r, AuthServiceGrpc.getRegenerateRecoveryCodesMethod(), new Roles(EVERY_ROLE));
        // Forgot password: anyone, rate-limited and answered the same whether the username exists or not.
        put(r, AuthServiceGrpc.getRequestPasswordResetCodeMethod(), new Public());
        put(r, AuthServiceGrpc.getResetPasswordWithCodeMethod(), new Public());

        put(r, StaffServiceGrpc.getCreateUserMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getGetUserMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getListUsersMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getUpdateUserMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getDeactivateUserMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getReactivateUserMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getResetPasswordMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getCreateDepartmentMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getRenameDepartmentMethod(), new Roles(ADMIN));
        put(r, StaffServiceGrpc.getListDepartmentsMethod(), new Roles(EVERY_ROLE));
        put(r, StaffServiceGrpc.getRetireDepartmentMethod(), new Roles(ADMIN));

        // Scheduling. Availability changes let doctors in; ScheduleService allows a doctor
        // only their own availability.
        put(r, ScheduleServiceGrpc.getCreateLocationMethod(), new Roles(ADMIN));
        put(r, ScheduleServiceGrpc.getUpdateLocationMethod(), new Roles(ADMIN));
        put(r, ScheduleServiceGrpc.getListLocationsMethod(), new Roles(CLINICAL_STAFF));
        put(r, ScheduleServiceGrpc.getCreateRoomMethod(), new Roles(ADMIN));
        put(r, ScheduleServiceGrpc.getUpdateRoomMethod(), new Roles(ADMIN));
        put(r, ScheduleServiceGrpc.getListRoomsMethod(), new Roles(CLINICAL_STAFF));
        put(r, ScheduleServiceGrpc.getCreateAppointmentTypeMethod(), new Roles(ADMIN));
        put(r, ScheduleServiceGrpc.getUpdateAppointmentTypeMethod(), new Roles(ADMIN));
        put(r, ScheduleServiceGrpc.getListAppointmentTypesMethod(), new Roles(CLINICAL_STAFF));
        // Nurses see which doctor each checked-in patient waits for.
        put(r, ScheduleServiceGrpc.getListDoctorsMethod(), new Roles(CARE_TEAM));
        put(r, ScheduleServiceGrpc.getGetAvailabilityMethod(), new Roles(CLINICAL_STAFF));
        put(r, ScheduleServiceGrpc.getSaveAvailabilityRuleMethod(), new Roles(CLINICAL_STAFF));
        put(r, ScheduleServiceGrpc.getDeleteAvailabilityRuleMethod(), new Roles(CLINICAL_STAFF));
        put(r, ScheduleServiceGrpc.getAddAvailabilityExceptionMethod(), new Roles(CLINICAL_STAFF));
        put(r, ScheduleServiceGrpc.getRemoveAvailabilityExceptionMethod(), new Roles(CLINICAL_STAFF));
        put(r, ScheduleServiceGrpc.getSearchSlotsMethod(), new Roles(CLINICAL_STAFF));

        // Appointments: the front desk books and moves; a doctor reads and acts on their own
        // (ownership is checked in AppointmentService); a nurse reads and watches today's
        // (AppointmentService refuses a nurse's list beyond today), never books or moves.
        put(r, AppointmentServiceGrpc.getBookAppointmentMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getGetAppointmentMethod(), new Roles(EVERY_ROLE));
        put(r, AppointmentServiceGrpc.getListAppointmentsMethod(), new Roles(EVERY_ROLE));
        put(r, AppointmentServiceGrpc.getWatchAppointmentsMethod(), new Roles(EVERY_ROLE));
        put(r, AppointmentServiceGrpc.getGetAppointmentHistoryMethod(), new Roles(CLINICAL_STAFF));
        put(r, AppointmentServiceGrpc.getConfirmAppointmentMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, AppointmentServiceGrpc.getDeclineAppointmentMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, AppointmentServiceGrpc.getCancelAppointmentMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getRescheduleAppointmentMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getCheckInAppointmentMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getStartConsultationMethod(), new Roles(DOCTOR));
        put(r, AppointmentServiceGrpc.getCompleteAppointmentMethod(), new Roles(DOCTOR));
        put(r, AppointmentServiceGrpc.getMarkNoShowMethod(), new Roles(FRONT_DESK));
        // Check-in and no-show undone by the front desk, a completion by its doctor (AppointmentService.undo).
        put(r, AppointmentServiceGrpc.getUndoStatusMoveMethod(), new Roles(DESK_OR_DOCTOR));
        put(r, AppointmentServiceGrpc.getHandleDoctorAbsenceMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getAddToWaitingListMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getListWaitingListMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getBookWaitingListOfferMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getDeclineWaitingListOfferMethod(), new Roles(FRONT_DESK));
        put(r, AppointmentServiceGrpc.getRemoveFromWaitingListMethod(), new Roles(FRONT_DESK));

        // The check-in queue: a doctor reads and calls in their own queue only (QueueService
        // checks it); the front desk reorders and runs the waiting-room display.
        put(r, QueueServiceGrpc.getGetDoctorQueueMethod(), new Roles(EVERY_ROLE));
        put(r, QueueServiceGrpc.getCallNextPatientMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, QueueServiceGrpc.getReorderQueueMethod(), new Roles(FRONT_DESK));
        put(r, QueueServiceGrpc.getGetWaitingRoomBoardMethod(), new Roles(FRONT_DESK));

        // Patients: the front desk registers and corrects; doctors look up who is booked with them.
        put(r, PatientServiceGrpc.getRegisterPatientMethod(), new Roles(FRONT_DESK));
        put(r, PatientServiceGrpc.getFindLikelyDuplicatesMethod(), new Roles(FRONT_DESK));
        put(r, PatientServiceGrpc.getUpdatePatientMethod(), new Roles(FRONT_DESK));
        // A nurse reads one patient (PatientService allows only those checked in today).
        put(r, PatientServiceGrpc.getGetPatientMethod(), new Roles(CARE_TEAM));
        put(r, PatientServiceGrpc.getSearchPatientsMethod(), new Roles(CLINICAL_STAFF));

        // Demographics (decision 0036): the front desk edits; doctors with chart access and nurses
        // for a patient checked in today read (DemographicsService asks ChartAccess).
        put(r, PatientDemographicsServiceGrpc.getGetPatientDemographicsMethod(), new Roles(CARE_TEAM));
        put(r, PatientDemographicsServiceGrpc.getUpdatePatientProfileMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getAddEmergencyContactMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getUpdateEmergencyContactMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getRetireEmergencyContactMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getMoveEmergencyContactMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getAddInsurancePolicyMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getUpdateInsurancePolicyMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getRetireInsurancePolicyMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getAddConsentRecordMethod(), new Roles(FRONT_DESK));
        put(r, PatientDemographicsServiceGrpc.getUpdateConsentRecordMethod(), new Roles(FRONT_DESK));

        // Notifications: everyone has an inbox and sees only their own (NotificationService
        // takes the user from the session); reminders are for admins.
        put(r, NotificationServiceGrpc.getListNotificationsMethod(), new Roles(EVERY_ROLE));
        put(r, NotificationServiceGrpc.getMarkNotificationsReadMethod(), new Roles(EVERY_ROLE));
        put(r, NotificationServiceGrpc.getWatchNotificationsMethod(), new Roles(EVERY_ROLE));
        put(r, NotificationServiceGrpc.getListRemindersMethod(), new Roles(ADMIN));

        // The chart's spine (decision 0029): ChartAccess decides per patient inside each call;
        // receptionists never reach clinical content, admins only who looked and break-the-glass review.
        put(r, ChartServiceGrpc.getOpenChartMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, ChartServiceGrpc.getGetChartSummaryMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, ChartServiceGrpc.getBreakTheGlassMethod(), new Roles(DOCTOR));
        put(r, ChartServiceGrpc.getListBreakTheGlassMethod(), new Roles(ADMIN));
        put(r, ChartServiceGrpc.getReviewBreakTheGlassMethod(), new Roles(ADMIN));
        put(r, ChartServiceGrpc.getListChartAccessMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, ChartServiceGrpc.getGetEntryHistoryMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, ChartServiceGrpc.getListChartHistoryMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, ChartServiceGrpc.getWatchChartMethod(), new Roles(DOCTOR_OR_NURSE));

        // Billing is front-desk work; doctors have no billing calls (decision 0020). The price
        // list and the invoice header are the admin's.
        put(r, BillingServiceGrpc.getGetBillingProfileMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getUpdateBillingProfileMethod(), new Roles(ADMIN));
        put(r, BillingServiceGrpc.getListTaxRatesMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getSaveTaxRateMethod(), new Roles(ADMIN));
        put(r, BillingServiceGrpc.getListPriceItemsMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getSavePriceItemMethod(), new Roles(ADMIN));
        put(r, BillingServiceGrpc.getListVisitsToCheckOutMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getDraftVisitInvoiceMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getCreateInvoiceMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getUpdateDraftInvoiceMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getDiscardDraftInvoiceMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getIssueInvoiceMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getCreateCreditNoteMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getGetInvoiceMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getListInvoicesMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getRecordPaymentMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getRefundPaymentMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getGetPatientBalanceMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getListOutstandingInvoicesMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getGetInvoicePdfMethod(), new Roles(FRONT_DESK));
        put(r, BillingServiceGrpc.getGetReceiptPdfMethod(), new Roles(FRONT_DESK));

        // Vitals and allergies: doctors with access to the chart, nurses for patients checked in
        // today (ChartAccess.requireTriage); never the front desk or admins (decision 0031).
        put(r, VitalsServiceGrpc.getRecordVitalsMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, VitalsServiceGrpc.getListVitalsMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, VitalsServiceGrpc.getMarkVitalsEnteredInErrorMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, AllergyServiceGrpc.getRecordAllergyMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, AllergyServiceGrpc.getUpdateAllergyMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, AllergyServiceGrpc.getMarkAllergyEnteredInErrorMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, AllergyServiceGrpc.getListAllergiesMethod(), new Roles(DOCTOR_OR_NURSE));
        put(r, AllergyServiceGrpc.getRecordNoKnownAllergiesMethod(), new Roles(DOCTOR_OR_NURSE));

        // The audit and the sign-in log: admins only.
        put(r, AuditServiceGrpc.getVerifyAuditChainMethod(), new Roles(ADMIN));
        put(r, AuditServiceGrpc.getListAuditEntriesMethod(), new Roles(ADMIN));
        put(r, AuditServiceGrpc.getListSignInsMethod(), new Roles(ADMIN));
        put(r, AuditServiceGrpc.getExportAuditMethod(), new Roles(ADMIN));

        // Backups: admins only (a restore also needs a fresh second factor, decision 0047).
        put(r, BackupServiceGrpc.getCreateBackupMethod(), new Roles(ADMIN));
        put(r, BackupServiceGrpc.getListBackupsMethod(), new Roles(ADMIN));
        put(r, BackupServiceGrpc.getDescribeBackupMethod(), new Roles(ADMIN));
        put(r, BackupServiceGrpc.getRestoreBackupMethod(), new Roles(ADMIN));

        // Reports: admins see the clinic, doctors their own figures (ReportService forces doctor = caller);
        // the front desk has no dashboard (decision 0027).
        put(r, ReportServiceGrpc.getGetReportPanelMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, ReportServiceGrpc.getExportReportPanelCsvMethod(), new Roles(DOCTOR_OR_ADMIN));

        // Chart code lists (decision 0033): the pickers of problems, allergies and medications.
        put(r, CodingServiceGrpc.getSearchDiagnosisCodesMethod(), new Roles(EnumSet.of(Role.DOCTOR, Role.NURSE)));
        put(r, CodingServiceGrpc.getSearchSubstancesMethod(), new Roles(EnumSet.of(Role.DOCTOR, Role.NURSE)));

        // Prescribable drugs (issue 13, decision 0037): doctors search and read brands; admins keep the brand list.
        put(r, DrugServiceGrpc.getSearchDrugsMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, DrugServiceGrpc.getListDrugBrandsMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, DrugServiceGrpc.getSaveDrugBrandMethod(), new Roles(ADMIN));
        put(r, DrugServiceGrpc.getRetireDrugBrandMethod(), new Roles(ADMIN));

        // Chart: problem list and medication list (issue 12). Doctors only; ProblemService and
        // MedicationService also require a care relation, a referral or break the glass.
        put(r, ProblemServiceGrpc.getAddProblemMethod(), new Roles(DOCTOR));
        put(r, ProblemServiceGrpc.getUpdateProblemMethod(), new Roles(DOCTOR));
        put(r, ProblemServiceGrpc.getResolveProblemMethod(), new Roles(DOCTOR));
        put(r, ProblemServiceGrpc.getMarkProblemEnteredInErrorMethod(), new Roles(DOCTOR));
        put(r, ProblemServiceGrpc.getListProblemsMethod(), new Roles(DOCTOR));
        put(r, MedicationServiceGrpc.getAddMedicationMethod(), new Roles(DOCTOR));
        put(r, MedicationServiceGrpc.getUpdateMedicationMethod(), new Roles(DOCTOR));
        put(r, MedicationServiceGrpc.getStopMedicationMethod(), new Roles(DOCTOR));
        put(r, MedicationServiceGrpc.getMarkMedicationEnteredInErrorMethod(), new Roles(DOCTOR));
        put(r, MedicationServiceGrpc.getListMedicationsMethod(), new Roles(DOCTOR));
        // Prescriptions (issue 13, decision 0038): doctors only; PrescriptionService also asks
        // ChartAccess for the whole chart, and only the prescriber changes, signs or cancels.
        put(r, PrescriptionServiceGrpc.getCheckPrescriptionMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getCreatePrescriptionMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getUpdatePrescriptionDraftMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getSignPrescriptionMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getCancelPrescriptionMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getGetPrescriptionMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getListPrescriptionsMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getRenewPrescriptionMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getRecordDispenseMethod(), new Roles(DOCTOR));
        put(r, PrescriptionServiceGrpc.getGetAdherenceMethod(), new Roles(DOCTOR));
        // Refill requests: reception records and withdraws, the addressed doctor declines (or renews above).
        put(r, RefillServiceGrpc.getRecordRefillRequestMethod(), new Roles(RECEPTIONIST));
        put(r, RefillServiceGrpc.getListRefillRequestsMethod(), new Roles(RECEPTION_OR_DOCTOR));
        put(r, RefillServiceGrpc.getDeclineRefillRequestMethod(), new Roles(DOCTOR));
        put(r, RefillServiceGrpc.getCancelRefillRequestMethod(), new Roles(RECEPTIONIST));
        // Prescription papers (decision 0039): the patient's doctors print and email; anyone signed in verifies a code.
        put(r, PrescriptionPaperServiceGrpc.getGetPrescriptionPdfMethod(), new Roles(DOCTOR));
        put(r, PrescriptionPaperServiceGrpc.getEmailPrescriptionMethod(), new Roles(DOCTOR));
        put(r, PrescriptionPaperServiceGrpc.getVerifyPrescriptionMethod(), new Roles(EVERY_ROLE));
        put(r, PrescriptionPaperServiceGrpc.getGetVerificationKeyMethod(), new Roles(EVERY_ROLE));
        // Chart: plans, referrals, follow-ups (decision 0035). Clinical calls are doctors'
        // (PlanService asks ChartAccess per patient); follow-ups are booked by the front desk.
        put(r, PlanServiceGrpc.getAddCarePlanMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getUpdateCarePlanMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getCompleteCarePlanMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getMarkCarePlanEnteredInErrorMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getListCarePlansMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getReferToColleagueMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getReferOutsideMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getGetReferralLetterMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getListReferralsMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getListMyReferralsMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getAcceptReferralMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getCompleteReferralMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getCancelReferralMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getRecommendFollowUpMethod(), new Roles(DOCTOR));
        put(r, PlanServiceGrpc.getListFollowUpsMethod(), new Roles(DESK_OR_DOCTOR));
        put(r, PlanServiceGrpc.getMarkFollowUpBookedMethod(), new Roles(FRONT_DESK));
        put(r, PlanServiceGrpc.getDismissFollowUpMethod(), new Roles(DESK_OR_DOCTOR));

        // Admissions: doctors admit and discharge; the ward list is for everyone on the floor
        // (AdmissionService leaves the reason out for all but doctors who may open the chart).
        // Reception registers an admission for the doctor who decided it (the answer has no reason).
        put(r, AdmissionServiceGrpc.getAdmitMethod(), new Roles(EnumSet.of(Role.DOCTOR, Role.RECEPTIONIST)));
        put(r, AdmissionServiceGrpc.getListInpatientsMethod(), new Roles(EVERY_ROLE));
        put(r, AdmissionServiceGrpc.getDischargeMethod(), new Roles(DOCTOR));
        put(r, AdmissionServiceGrpc.getListMyDischargesMethod(), new Roles(DOCTOR));
        put(r, AdmissionServiceGrpc.getListRecentDischargesMethod(), new Roles(FRONT_DESK));
        put(r, AdmissionServiceGrpc.getListAdmissionsMethod(), new Roles(DOCTOR));
        put(r, AdmissionServiceGrpc.getMarkAdmissionEnteredInErrorMethod(), new Roles(EnumSet.of(Role.DOCTOR, Role.RECEPTIONIST)));
        // Chart documents (decision 0034): doctors with the full chart; reception files consent scans
        // (DocumentService refuses any other category for them) and never lists or reads a document.
        put(r, DocumentServiceGrpc.getUploadDocumentMethod(), new Roles(EnumSet.of(Role.DOCTOR, Role.RECEPTIONIST)));
        put(r, DocumentServiceGrpc.getDownloadDocumentMethod(), new Roles(DOCTOR));
        put(r, DocumentServiceGrpc.getListDocumentsMethod(), new Roles(DOCTOR));
        put(r, DocumentServiceGrpc.getMarkDocumentEnteredInErrorMethod(), new Roles(DOCTOR));
        // Encounters and notes: doctors (EncounterService asks ChartAccess for the whole chart);
        // admins manage clinic-wide note templates and never read notes (decision 0030).
        put(r, EncounterServiceGrpc.getOpenEncounterMethod(), new Roles(DOCTOR));
        put(r, EncounterServiceGrpc.getListEncountersMethod(), new Roles(DOCTOR));
        put(r, EncounterServiceGrpc.getGetEncounterMethod(), new Roles(DOCTOR));
        put(r, EncounterServiceGrpc.getSaveNoteDraftMethod(), new Roles(DOCTOR));
        put(r, EncounterServiceGrpc.getSignEncounterMethod(), new Roles(DOCTOR));
        put(r, EncounterServiceGrpc.getAddAddendumMethod(), new Roles(DOCTOR));
        put(r, EncounterServiceGrpc.getMarkEncounterEnteredInErrorMethod(), new Roles(DOCTOR));
        put(r, EncounterServiceGrpc.getListNoteTemplatesMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, EncounterServiceGrpc.getSaveNoteTemplateMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, EncounterServiceGrpc.getRetireNoteTemplateMethod(), new Roles(DOCTOR_OR_ADMIN));
        put(r, EncounterServiceGrpc.getExpandSmartPhrasesMethod(), new Roles(DOCTOR));
        return new AccessPolicy(r);
    }

    private static void put(Map<String, Rule> rules, MethodDescriptor<?, ?> method, Rule rule) {
        if (rules.put(method.getFullMethodName(), rule) != null) {
            throw new IllegalStateException("Two rules for " + method.getFullMethodName());
        }
    }

    public Optional<Rule> ruleFor(String fullMethodName) {
        return Optional.ofNullable(rules.get(fullMethodName));
    }

    /** Every method that has a rule, for the coverage test. */
    public Set<String> coveredMethods() {
        return rules.keySet();
    }
}
