package org.medconnect.server;

import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medconnect.server.appointment.AppointmentFeed;
import org.medconnect.server.appointment.AppointmentGrpcService;
import org.medconnect.server.appointment.AppointmentService;
import org.medconnect.server.appointment.DoctorAbsenceService;
import org.medconnect.server.appointment.VideoLinks;
import org.medconnect.server.appointment.WaitingListService;
import org.medconnect.server.audit.AuditGrpcService;
import org.medconnect.server.audit.AuditService;
import org.medconnect.server.auth.AuthGrpcService;
import org.medconnect.server.backup.BackupGrpcService;
import org.medconnect.server.backup.BackupService;
import org.medconnect.server.backup.LiveRestore;
import org.medconnect.server.auth.AuthService;
import org.medconnect.server.auth.PasswordHasher;
import org.medconnect.server.auth.RecentSessions;
import org.medconnect.server.auth.SecondFactorKey;
import org.medconnect.server.auth.SecondFactorService;
import org.medconnect.server.auth.SessionTokens;
import org.medconnect.server.auth.StaffMailer;
import org.medconnect.server.notification.SmtpSender;
import org.medconnect.server.prescription.paper.PrescriptionPaperGrpcService;
import org.medconnect.server.prescription.paper.PrescriptionPaperService;
import org.medconnect.server.prescription.paper.PrescriptionSigner;
import org.medconnect.server.billing.BillingGrpcService;
import org.medconnect.server.chart.admission.AdmissionGrpcService;
import org.medconnect.server.chart.admission.AdmissionService;
import org.medconnect.server.chart.plan.PlanGrpcService;
import org.medconnect.server.chart.plan.PlanService;
import org.medconnect.server.billing.BillingService;
import org.medconnect.server.chart.allergy.AllergyGrpcService;
import org.medconnect.server.chart.allergy.AllergyModel;
import org.medconnect.server.chart.allergy.AllergyService;
import org.medconnect.server.chart.vitals.VitalsGrpcService;
import org.medconnect.server.chart.vitals.VitalsService;
import org.medconnect.server.billing.CompletedVisitProjector;
import org.medconnect.server.chart.ChartFeed;
import org.medconnect.server.chart.ChartGrpcService;
import org.medconnect.server.chart.ChartService;
import org.medconnect.server.chart.document.DocumentGrpcService;
import org.medconnect.server.chart.document.DocumentKey;
import org.medconnect.server.chart.document.DocumentService;
import org.medconnect.server.chart.encounter.EncounterGrpcService;
import org.medconnect.server.chart.encounter.EncounterService;
import org.medconnect.server.notification.NotificationGrpcService;
import org.medconnect.server.notification.Notifications;
import org.medconnect.server.patient.DemographicsGrpcService;
import org.medconnect.server.patient.DemographicsService;
import org.medconnect.server.patient.PatientGrpcService;
import org.medconnect.server.patient.PatientService;
import org.medconnect.server.platform.AccessPolicy;
import org.medconnect.server.platform.AuthInterceptor;
import org.medconnect.server.platform.Background;
import org.medconnect.server.platform.Database;
import org.medconnect.server.platform.DatabaseGate;
import org.medconnect.server.platform.DatabaseHealth;
import org.medconnect.server.platform.ErrorMapper;
import org.medconnect.server.platform.GrpcCalls;
import org.medconnect.server.platform.MaintenanceGate;
import org.medconnect.server.platform.ServerConfig;
import org.medconnect.server.platform.events.PgListener;
import org.medconnect.server.queue.QueueGrpcService;
import org.medconnect.server.queue.QueueService;
import org.medconnect.server.schedule.ClinicSetupService;
import org.medconnect.server.chart.coding.CodingGrpcService;
import org.medconnect.server.chart.medication.MedicationGrpcService;
import org.medconnect.server.chart.medication.MedicationService;
import org.medconnect.server.chart.problem.ProblemGrpcService;
import org.medconnect.server.chart.problem.ProblemService;
import org.medconnect.server.chart.coding.CodingService;
import org.medconnect.server.chart.coding.DrugCatalogue;
import org.medconnect.server.chart.coding.Icd10Catalogue;
import org.medconnect.server.prescription.PrescriptionGrpcService;
import org.medconnect.server.prescription.PrescriptionService;
import org.medconnect.server.prescription.RefillGrpcService;
import org.medconnect.server.prescription.RefillService;
import org.medconnect.server.prescription.check.DrugChecks;
import org.medconnect.server.prescription.check.RuleBook;
import org.medconnect.server.prescription.drug.DrugGrpcService;
import org.medconnect.server.prescription.drug.DrugService;
import org.medconnect.server.report.ReportGrpcService;
import org.medconnect.server.report.ReportService;
import org.medconnect.server.schedule.ScheduleGrpcService;
import org.medconnect.server.schedule.ScheduleService;
import org.medconnect.server.schedule.SlotFinder;
import org.medconnect.server.staff.StaffGrpcService;
import org.medconnect.server.staff.StaffService;

/** Wires every feature's services from the configuration: the one place that knows them all. */
public final class ClinicServices {

    private final Clock clock;
    private final Database database;
    private final AuthService auth;
    private final SecondFactorService secondFactor;
    private final StaffService staff;
    private final ClinicSetupService clinicSetup;
    private final ScheduleService schedule;
    private final SlotFinder slots;
    private final AppointmentService appointments;
    private final DoctorAbsenceService absences;
    private final AppointmentFeed feed;
    private final WaitingListService waitingList;
    private final PatientService patients;
    private final DemographicsService demographics;
    private final QueueService queue;
    private final Notifications notifications;
    private final BillingService billing;
    private final VitalsService vitals;
    private final AllergyService allergies;
    private final AuditService audit;
    private final BackupService backups;
    private final ReportService reports;
    private final CodingService coding;
    private final ProblemService problemList;
    private final MedicationService medications;
    private final DrugChecks drugChecks;
    private final DrugService drugs;
    private final ChartFeed chartFeed;
    private final ChartService chart;
    private final PlanService plans;
    private final AdmissionService admissions;
    private final DocumentService documents;
    private final EncounterService encounters;
    private final PrescriptionService prescriptions;
    private final RefillService refills;
    private final PrescriptionPaperService prescriptionPapers;
    private final List<BindableService> grpcServices;
    private final ServerInterceptor authInterceptor;
    private final DatabaseHealth databaseHealth;
    private final ServerInterceptor databaseGate;
    private final MaintenanceGate maintenanceGate;
    private final LiveRestore restore;
    private final PgListener listener;
    private final List<Background> background = new ArrayList<>();
    private boolean backgroundRunning;

    public ClinicServices(ServerConfig config, Database database, Clock clock) {
        this.clock = clock;
        this.database = database;
        // One LISTEN connection per instance; features register their channels below.
        this.listener = new PgListener(database::openDedicatedConnection, Duration.ofSeconds(2));
        // A call that could not reach the database makes the health monitor look at once.
        this.databaseHealth = database.health();
        ErrorMapper errors = new ErrorMapper(databaseHealth::suspect);
        this.databaseGate = new DatabaseGate(databaseHealth, errors);
        this.maintenanceGate = new MaintenanceGate(errors);
        GrpcCalls calls = new GrpcCalls(errors);
        PasswordHasher hasher = new PasswordHasher(config.passwordHashing());
        RecentSessions recentSessions = new RecentSessions(clock);
        this.auth = new AuthService(database.dsl(), hasher, new SessionTokens(), clock, new AuthService.Settings(
                config.sessionIdleTimeout(), config.sessionMaxLifetime(), config.lockoutAttempts(),
                config.lockoutDuration(), config.clinicZone(), config.secondFactor().requiredRoles(),
                config.secondFactor().pendingLifetime()), recentSessions);
        // Second factor: secrets sealed with a key under the server home; reset codes by the reminders' SMTP server.
        Optional<StaffMailer> mailer = config.reminders().smtp().map(SmtpSender::new).map(smtp -> smtp::sendPlain);
        this.secondFactor = new SecondFactorService(database.dsl(), auth, SecondFactorKey.load(config.home()), hasher, clock,
                config.secondFactor().requiredRoles(), config.secondFactor().stepUpWindow(), mailer, recentSessions);
        this.staff = new StaffService(database.dsl(), hasher, clock, recentSessions, secondFactor);

        // Scheduling: locations, rooms and types, then availability (slot search is the SlotFinder below).
        this.clinicSetup = new ClinicSetupService(database.dsl(), clock, config.clinicZone());
        this.schedule = new ScheduleService(database.dsl(), clock, config.clinicZone());

        // appointments
        this.slots = new SlotFinder(database.dsl(), clock, config.clinicZone());
        this.appointments = new AppointmentService(database.dsl(), slots, clock, new VideoLinks(config.videoBaseUrl()));
        this.absences = new DoctorAbsenceService(database.dsl(), slots, clock);
        // Live changes: every instance LISTENs and fans events out to its own watchers.
        this.feed = new AppointmentFeed(database.dsl(), auth::stillOpen, 1000, Duration.ofSeconds(15));
        listener.on("appointment_event", signal -> feed.onSignal());
        background.add(new Background() {
            @Override
            public void start() {
                feed.start();
            }

            @Override
            public void stop() {
                feed.stop();
            }
        });
        this.waitingList = new WaitingListService(database.dsl(), appointments, slots, clock);

        // The check-in queue (tokens are handed out by AppointmentService.checkIn).
        this.queue = new QueueService(database.dsl(), appointments, clock, config.clinicZone());

        // Patients.
        this.patients = new PatientService(database.dsl(), clock, config.clinicZone());
        this.demographics = new DemographicsService(database.dsl(), clock, config.clinicZone());

        // Inboxes and reminders: projected from appointment events, pushed on "notification".
        this.notifications = Notifications.wire(config, database.dsl(), clock, listener, background);

        // Billing: a completed visit's draft invoice is projected from appointment events (decision 0020).
        this.billing = new BillingService(database.dsl(), clock, config.clinicZone(), config.currency());
        CompletedVisitProjector visitDrafts = new CompletedVisitProjector(database.dsl(), billing);
        listener.on("appointment_event", signal -> visitDrafts.wake());
        background.add(visitDrafts);
        // The audit: chain verification, browsing, sign-in log, export (admins).
        this.audit = new AuditService(database.dsl(), clock);
        // Backups into the server's backup folder (the daily schedule is started by MedConnectServer).
        this.backups = new BackupService(BackupService.Settings.from(config.home(), System.getenv()), database, clock);

        // Reports: read-only on their own pool, the replica when MEDCONNECT_REPORT_DB_URL names one (decision 0027).
        this.reports = new ReportService(database.reportDsl(config.reports()), clinicSetup, schedule, clock, config.clinicZone(), config.currency(),
                config.reports().statementTimeout());

        // Chart code lists: ICD-10-CM subset and drug catalogue, read once from the classpath (decision 0033).
        this.coding = new CodingService(Icd10Catalogue.load(), DrugCatalogue.load());
        // Chart: the problem list and the medication list, checked against those lists (decision 0032).
        this.problemList = new ProblemService(database.dsl(), clock, config.clinicZone(), coding.diagnoses());
        this.medications = new MedicationService(database.dsl(), clock, config.clinicZone(), coding.drugs());
        // The chart (decision 0029): live chart changes fan out like appointment events.
        this.chartFeed = new ChartFeed(database.dsl(), auth::stillOpen, 1000, Duration.ofSeconds(15));
        listener.on("chart_event", signal -> chartFeed.onSignal());
        background.add(new Background() {
            @Override
            public void start() {
                chartFeed.start();
            }

            @Override
            public void stop() {
                chartFeed.stop();
            }
        });
        this.chart = new ChartService(database.dsl(), chartFeed, clock, config.clinicZone());
        // The chart: plans, referrals, follow-ups and admissions (decision 0035).
        this.plans = new PlanService(database.dsl(), clock, config.clinicZone());
        this.admissions = new AdmissionService(database.dsl(), clock, config.clinicZone());
        // Chart documents: sealed under the clinic's document key, which must exist (owner-only) before the server starts.
        this.documents = new DocumentService(database.dsl(), DocumentKey.load(config.home()), config.home(),
                config.documents().maxBytes(), clock, config.clinicZone());
        // The chart: encounters and notes (decision 0030).
        this.encounters = new EncounterService(database.dsl(), clock, config.clinicZone());
        // Vitals and allergies (issue 12, decision 0031); allergy substances come from the coding feature's drug list.
        this.vitals = new VitalsService(database.dsl(), clock, config.clinicZone());
        this.allergies = new AllergyService(database.dsl(), allergySubstances(coding.drugs()), clock, config.clinicZone());
        // Prescriptions (issue 13, decision 0037): the shipped, cited check rules and the drugs a doctor prescribes.
        this.drugChecks = RuleBook.load(coding.drugs());
        this.drugs = new DrugService(database.dsl(), coding.drugs(), clock, config.clinicZone());
        // Prescribing (decision 0038): checked by those rules on every save and on sign.
        this.prescriptions = new PrescriptionService(database.dsl(), clock, config.clinicZone(), coding.drugs(), drugChecks, medications);
        this.refills = new RefillService(database.dsl(), clock, config.clinicZone());
        // Prescription papers (decision 0039): signed under a key kept beside the document key, emailed by the reminders' SMTP server.
        this.prescriptionPapers = new PrescriptionPaperService(database.dsl(), PrescriptionSigner.at(config.home()),
                config.reminders().smtp().map(SmtpSender::new).map(smtp -> (to, subject, body, fileName, pdf) ->
                        smtp.sendWithAttachment(to, subject, body, fileName, pdf, "application/pdf")),
                clock, config.clinicZone(), config.clinicLocale());

        // Restores from the console (decision 0047): the clinic is closed meanwhile, its streams end and follow the new data after.
        this.restore = new LiveRestore(backups, database, maintenanceGate, new LiveRestore.Clinic() {
            @Override
            public void endStreams(org.medconnect.server.platform.DomainException why) {
                feed.endStreams(why);
                chartFeed.endStreams(why);
                synchronized (ClinicServices.this) {
                    if (backgroundRunning) {
                        notifications.watchers().stop();
                        notifications.watchers().start();
                    }
                }
            }

            @Override
            public void resync() {
                feed.resync();
                chartFeed.resync();
            }

            @Override
            public String clinicName() {
                return billing.profile().clinicName();
            }
        }, clock, org.medconnect.proto.backup.v1.BackupServiceGrpc.getRestoreBackupMethod().getFullMethodName());

        this.grpcServices = List.of(
                new AuthGrpcService(auth, secondFactor, calls, config.clinicZone(), config.clinicLocale()),
                new StaffGrpcService(staff, calls, config.currency()),
                new ScheduleGrpcService(clinicSetup, schedule, slots, calls),
                new AppointmentGrpcService(appointments, absences, waitingList, feed, calls),
                new PatientGrpcService(patients, calls),
                new DemographicsGrpcService(demographics, calls),
                new QueueGrpcService(queue, calls),
                new NotificationGrpcService(notifications.service(), notifications.watchers(), calls, errors),
                new BillingGrpcService(billing, calls),
                new AuditGrpcService(audit, secondFactor, calls),
                new BackupGrpcService(backups, restore, secondFactor, calls),
                new ReportGrpcService(reports, calls),
                new CodingGrpcService(coding, calls),
                new ProblemGrpcService(problemList, calls),
                new MedicationGrpcService(medications, calls),
                new ChartGrpcService(chart, calls),
                new PlanGrpcService(plans, calls),
                new AdmissionGrpcService(admissions, calls),
                new DocumentGrpcService(documents, calls),
                new EncounterGrpcService(encounters, calls),
                new VitalsGrpcService(vitals, calls),
                new AllergyGrpcService(allergies, calls),
                new DrugGrpcService(drugs, calls),
                new PrescriptionGrpcService(prescriptions, calls),
                new RefillGrpcService(refills, calls),
                new PrescriptionPaperGrpcService(prescriptionPapers, calls));
        this.authInterceptor = new AuthInterceptor(AccessPolicy.clinic(), auth, errors);
    }

    /** Starts the LISTEN connection and every background worker; the server calls this on start. */
    public synchronized void startBackground() {
        if (backgroundRunning) {
            return;
        }
        listener.start();
        background.forEach(Background::start);
        backgroundRunning = true;
    }

    /** Stops what {@link #startBackground()} started, newest first. */
    public synchronized void stopBackground() {
        if (!backgroundRunning) {
            return;
        }
        for (int i = background.size() - 1; i >= 0; i--) {
            background.get(i).stop();
        }
        listener.close();
        backgroundRunning = false;
    }

    public List<BindableService> grpcServices() {
        return grpcServices;
    }

    public ServerInterceptor authInterceptor() {
        return authInterceptor;
    }

    /** Refuses calls at once with UNAVAILABLE while the database is known to be down; runs before authentication. */
    public ServerInterceptor databaseGate() {
        return databaseGate;
    }

    /** Refuses calls at once with UNAVAILABLE while a restore replaces the database (decision 0047); runs first of all. */
    public ServerInterceptor maintenanceGate() {
        return maintenanceGate;
    }

    /** Whether the database can be reached; gRPC health follows it. */
    public DatabaseHealth databaseHealth() {
        return databaseHealth;
    }

    /** This instance's LISTEN connection (started by {@link #startBackground()}). */
    public PgListener listener() {
        return listener;
    }

    /** The database, for seeding demo data in bulk (bootstrap only). */
    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    public AuthService auth() {
        return auth;
    }

    public SecondFactorService secondFactor() {
        return secondFactor;
    }

    public StaffService staff() {
        return staff;
    }

    public ClinicSetupService clinicSetup() {
        return clinicSetup;
    }

    public ScheduleService schedule() {
        return schedule;
    }

    public SlotFinder slots() {
        return slots;
    }

    public AppointmentService appointments() {
        return appointments;
    }

    public DoctorAbsenceService absences() {
        return absences;
    }

    public AppointmentFeed feed() {
        return feed;
    }

    public WaitingListService waitingList() {
        return waitingList;
    }

    public DocumentService documents() {
        return documents;
    }

    public VitalsService vitals() {
        return vitals;
    }

    public AllergyService allergies() {
        return allergies;
    }

    /** The drug and drug-class list allergies are coded from (the coding feature's DrugCatalogue). */
    private static AllergyModel.SubstanceCatalogue allergySubstances(DrugCatalogue drugs) {
        return key -> drugs.find(key).map(d -> new AllergyModel.Substance(d.key(), d.name(),
                d.kind() == org.medconnect.server.chart.coding.DrugEntry.Kind.CLASS));
    }

    public PatientService patients() {
        return patients;
    }

    public DemographicsService demographics() {
        return demographics;
    }

    public QueueService queue() {
        return queue;
    }

    public Notifications notifications() {
        return notifications;
    }

    public BillingService billing() {
        return billing;
    }

    public AuditService audit() {
        return audit;
    }

    public BackupService backups() {
        return backups;
    }

    /** Restores from the console into this running server (decision 0047). */
    public LiveRestore restore() {
        return restore;
    }

    /** The chart's code lists, for services that check a code or a substance key. */
    public CodingService coding() {
        return coding;
    }

    /** The chart's problem list. */
    public ProblemService problemList() {
        return problemList;
    }

    /** The prescription safety checks (the shipped rule book, decision 0037); pure, no database. */
    public DrugChecks drugChecks() {
        return drugChecks;
    }

    /** Prescribable drugs: catalogue ingredients and the clinic's brands; {@link DrugService#resolve} maps a drug key to ingredients. */
    public DrugService drugs() {
        return drugs;
    }

    /** The chart's medication list; prescribing (issue 13) adds its rows through {@link MedicationService#addIn}. */
    public MedicationService medications() {
        return medications;
    }

    public ReportService reports() {
        return reports;
    }

    public ChartService chart() {
        return chart;
    }

    public ChartFeed chartFeed() {
        return chartFeed;
    }

    public PlanService plans() {
        return plans;
    }

    public AdmissionService admissions() {
        return admissions;
    }

    public EncounterService encounters() {
        return encounters;
    }

    public PrescriptionService prescriptions() {
        return prescriptions;
    }

    public RefillService refills() {
        return refills;
    }

    /** Prescription PDFs, their verification and emailing. */
    public PrescriptionPaperService prescriptionPapers() {
        return prescriptionPapers;
    }
}
