package org.medconnect.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medconnect.proto.auth.v1.AuthServiceGrpc;
import org.medconnect.proto.auth.v1.SignInRequest;
import org.medconnect.proto.billing.v1.BillingServiceGrpc;
import org.medconnect.proto.billing.v1.BillingServiceGrpc.BillingServiceBlockingStub;
import org.medconnect.proto.billing.v1.CreateInvoiceRequest;
import org.medconnect.proto.billing.v1.GetInvoicePdfRequest;
import org.medconnect.proto.billing.v1.GetInvoiceRequest;
import org.medconnect.proto.billing.v1.GetPatientBalanceRequest;
import org.medconnect.proto.billing.v1.Invoice;
import org.medconnect.proto.billing.v1.InvoiceLineInput;
import org.medconnect.proto.billing.v1.InvoiceStatus;
import org.medconnect.proto.billing.v1.IssueInvoiceRequest;
import org.medconnect.proto.billing.v1.ListInvoicesRequest;
import org.medconnect.proto.billing.v1.ListOutstandingInvoicesRequest;
import org.medconnect.proto.billing.v1.PaymentMethod;
import org.medconnect.proto.billing.v1.RecordPaymentRequest;
import org.medconnect.proto.billing.v1.RecordPaymentResponse;
import org.medconnect.proto.common.v1.Money;
import org.medconnect.proto.common.v1.PageRequest;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.MedConnectServer;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.Calls;
import org.medconnect.server.testing.MutableClock;
import org.medconnect.server.testing.SchedulingFixture;
import org.medconnect.server.testing.TestConfig;
import org.medconnect.server.testing.TestDatabase;

/** Billing as a workstation meets it over gRPC (in-process): who may call, what malformed input gets, races. */
class BillingApiTest {

    MedConnectServer server;
    ManagedChannel channel;
    ClinicServices services;
    SchedulingFixture fixture;
    BillingServiceBlockingStub desk;
    UUID patient;

    @BeforeEach
    void start() throws Exception {
        String name = "billing-" + UUID.randomUUID();
        var db = TestDatabase.fresh();
        services = new ClinicServices(TestConfig.defaults(), db, new MutableClock(Instant.parse("2026-11-24T09:00:00Z")));
        server = new MedConnectServer(InProcessServerBuilder.forName(name).directExecutor(), services).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        fixture = new SchedulingFixture(db.dsl(), services);
        fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        patient = fixture.patient("Ana", "Souza");
        desk = stub("maria", "staff-pass-2026");
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop(Duration.ofSeconds(1));
    }

    BillingServiceBlockingStub stub(String username, String password) {
        String token = AuthServiceGrpc.newBlockingStub(channel).signIn(SignInRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getSessionToken();
        return BillingServiceGrpc.newBlockingStub(channel).withCallCredentials(Calls.bearer(token)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    static InvoiceLineInput.Builder item(String description, long price) {
        return InvoiceLineInput.newBuilder().setDescription(description).setQuantity("1")
                .setUnitPrice(Money.newBuilder().setCurrencyCode("USD").setMinorUnits(price));
    }

    Invoice draft(InvoiceLineInput.Builder... lines) {
        var r = CreateInvoiceRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setPatientId(patient.toString());
        for (var l : lines) {
            r.addLines(l);
        }
        return desk.createInvoice(r.build()).getInvoice();
    }

    Invoice issued(long price) {
        Invoice d = draft(item("Dressing", price));
        return desk.issueInvoice(IssueInvoiceRequest.newBuilder().setInvoiceId(d.getId()).setVersion(d.getVersion()).build()).getInvoice();
    }

    static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void doctorsHaveNoBillingCalls() {
        var doctor = stub("okafor", "doctor-pass-2026");
        Invoice inv = issued(1000);
        for (Function<BillingServiceBlockingStub, Object> call : List.<Function<BillingServiceBlockingStub, Object>>of(
                s -> s.getInvoice(GetInvoiceRequest.newBuilder().setInvoiceId(inv.getId()).build()),
                s -> s.listInvoices(ListInvoicesRequest.getDefaultInstance()),
                s -> s.getInvoicePdf(GetInvoicePdfRequest.newBuilder().setInvoiceId(inv.getId()).build()),
                s -> s.getPatientBalance(GetPatientBalanceRequest.newBuilder().setPatientId(patient.toString()).build()))) {
            assertThat(Calls.code(catchThrowable(() -> call.apply(doctor)))).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void fortyWorkstationsIssuingAtOnceGetGaplessUniqueNumbers() throws Exception {
        List<Invoice> drafts = IntStream.range(0, 40).mapToObj(i -> draft(item("Item " + i, 100 + i))).toList();
        var next = new java.util.concurrent.atomic.AtomicInteger();
        List<String> numbers = concurrently(40, () -> {
            Invoice d = drafts.get(next.getAndIncrement());
            return desk.issueInvoice(IssueInvoiceRequest.newBuilder().setInvoiceId(d.getId()).setVersion(d.getVersion()).build())
                    .getInvoice().getNumber();
        });
        assertThat(numbers.stream().sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, 40).mapToObj(n -> "INV-2026-%06d".formatted(n)).toList());
    }

    @Test
    void twentyClicksOnPayMakeOnePayment() throws Exception {
        Invoice inv = issued(5000);
        String requestId = UUID.randomUUID().toString();
        RecordPaymentRequest pay = RecordPaymentRequest.newBuilder().setRequestId(requestId).setInvoiceId(inv.getId())
                .setMethod(PaymentMethod.PAYMENT_METHOD_CASH).setAmount(Money.newBuilder().setMinorUnits(1500)).build();
        List<RecordPaymentResponse> answers = concurrently(20, () -> desk.recordPayment(pay));
        assertThat(answers.stream().map(a -> a.getPayment().getId()).distinct()).hasSize(1);
        Invoice after = desk.getInvoice(GetInvoiceRequest.newBuilder().setInvoiceId(inv.getId()).build()).getInvoice();
        assertThat(after.getPaymentsCount()).isEqualTo(1);
        assertThat(after.getOutstanding().getMinorUnits()).isEqualTo(3500);
        var balance = desk.getPatientBalance(GetPatientBalanceRequest.newBuilder().setPatientId(patient.toString()).build());
        assertThat(balance.getBalance().getMinorUnits()).isEqualTo(3500);
        var outstanding = desk.listOutstandingInvoices(ListOutstandingInvoicesRequest.getDefaultInstance());
        assertThat(outstanding.getAgeing().getDays030().getMinorUnits()).isEqualTo(3500);
        assertThat(outstanding.getInvoicesList()).singleElement().satisfies(o -> assertThat(o.getInvoice().getNumber()).isEqualTo(inv.getNumber()));
    }

    @Test
    void invoicesAreListedWithSearchFiltersAndPages() {
        for (int i = 0; i < 5; i++) {
            issued(100 * (i + 1));
        }
        draft(item("Still a draft", 100));
        var page1 = desk.listInvoices(ListInvoicesRequest.newBuilder().setStatus(InvoiceStatus.INVOICE_STATUS_ISSUED)
                .setPage(PageRequest.newBuilder().setPageSize(3)).build());
        assertThat(page1.getInvoicesCount()).isEqualTo(3);
        assertThat(page1.getPage().getTotalCount()).isEqualTo(5);
        var page2 = desk.listInvoices(ListInvoicesRequest.newBuilder().setStatus(InvoiceStatus.INVOICE_STATUS_ISSUED)
                .setPage(PageRequest.newBuilder().setPageSize(3).setPageToken(page1.getPage().getNextPageToken())).build());
        assertThat(page2.getInvoicesCount()).isEqualTo(2);
        assertThat(page2.getPage().getNextPageToken()).isEmpty();
        assertThat(desk.listInvoices(ListInvoicesRequest.newBuilder().setQuery("souza").build()).getInvoicesCount()).isEqualTo(6);
        assertThat(desk.listInvoices(ListInvoicesRequest.newBuilder().setQuery("INV-2026-000003").build()).getInvoicesList())
                .singleElement().satisfies(s -> assertThat(s.getTotal().getMinorUnits()).isEqualTo(300));
    }

    @Test
    void completingAVisitOnTheRunningServerDraftsItsInvoiceWithinMoments() throws Exception {
        var reception = fixture.staff("desk2", "Desk Two", Role.RECEPTIONIST);
        var doctor = fixture.doctor("sharma", "Dr Sharma", "Dermatology", "Dermatology");
        UUID location = fixture.location("Riverside");
        UUID type = fixture.type("Skin check", 15, 0, false, false);
        fixture.weekly(doctor.userId(), location, java.util.Optional.empty(), SchedulingFixture.EVERY_DAY, "08:00", "17:00", 15,
                java.time.LocalDate.of(2026, 11, 23));
        var appointments = services.appointments();
        var a = appointments.book(reception, new org.medconnect.server.appointment.AppointmentModel
                .BookingRequest(UUID.randomUUID(), patient, doctor.userId(), location, type, Instant.parse("2026-11-24T09:15:00Z"),
                java.util.Optional.empty()));
        appointments.checkIn(reception, a.id());
        appointments.startConsultation(doctor, a.id());
        appointments.complete(doctor, a.id());
        // No call to billing: the projector hears the appointment event and drafts the invoice.
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<org.medconnect.proto.billing.v1.InvoiceSummary> found = List.of();
        while (found.isEmpty() && System.nanoTime() < until) {
            found = desk.listInvoices(ListInvoicesRequest.newBuilder().setPatientId(patient.toString()).build()).getInvoicesList();
            Thread.sleep(50);
        }
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_DRAFT);
            assertThat(s.getAppointmentReference()).isEqualTo(a.reference());
            assertThat(s.getTotal().getMinorUnits()).isEqualTo(5000);
        });
    }

    record Malformed(String name, java.util.function.Consumer<BillingServiceBlockingStub> call, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Malformed> malformed() {
        String p = "00000000-0000-0000-0000-000000000001"; // the field check comes before the patient look-up
        Function<InvoiceLineInput.Builder, CreateInvoiceRequest> one = l -> CreateInvoiceRequest.newBuilder().setPatientId(p).addLines(l).build();
        var tenThousand = CreateInvoiceRequest.newBuilder().setPatientId(p);
        for (int i = 0; i < 10_000; i++) {
            tenThousand.addLines(item("Line " + i, 1));
        }
        return List.of(
                new Malformed("negative unit price", s -> s.createInvoice(one.apply(item("Dressing", -100))), "lines[0].unit_price"),
                new Malformed("huge quantity", s -> s.createInvoice(one.apply(item("Dressing", 100).setQuantity("1e12"))), "lines[0].quantity"),
                new Malformed("negative quantity", s -> s.createInvoice(one.apply(item("Dressing", 100).setQuantity("-2"))), "lines[0].quantity"),
                new Malformed("negative discount", s -> s.createInvoice(one.apply(item("Dressing", 100).setDiscountMinor(-1))), "lines[0].discount_minor"),
                new Malformed("discount above amount", s -> s.createInvoice(one.apply(item("Dressing", 100).setDiscountMinor(101))), "lines[0].discount_minor"),
                new Malformed("NUL in a description", s -> s.createInvoice(one.apply(item("Dress\u0000ing", 100))), "lines[0].description"),
                new Malformed("NUL in the insurer", s -> s.createInvoice(one.apply(item("Dressing", 100)).toBuilder().setInsurer("A\u0000").build()), "insurer"),
                new Malformed("another currency", s -> s.createInvoice(one.apply(item("Dressing", 100).setUnitPrice(Money.newBuilder()
                        .setCurrencyCode("EUR").setMinorUnits(100)))), "lines[0].unit_price.currency_code"),
                new Malformed("unknown line kind", s -> s.createInvoice(one.apply(item("Dressing", 100).setKindValue(99))), "lines[0].kind"),
                new Malformed("ten thousand lines", s -> s.createInvoice(tenThousand.build()), "lines"),
                new Malformed("negative payment", s -> s.recordPayment(RecordPaymentRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setInvoiceId(p).setMethod(PaymentMethod.PAYMENT_METHOD_CASH).setAmount(Money.newBuilder().setMinorUnits(-500)).build()), "amount"),
                new Malformed("unknown payment method", s -> s.recordPayment(RecordPaymentRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                        .setInvoiceId(p).setMethodValue(99).setAmount(Money.newBuilder().setMinorUnits(500)).build()), "method"),
                new Malformed("payment without request id", s -> s.recordPayment(RecordPaymentRequest.newBuilder().setInvoiceId(p)
                        .setMethod(PaymentMethod.PAYMENT_METHOD_CASH).setAmount(Money.newBuilder().setMinorUnits(500)).build()), "request_id"),
                new Malformed("malformed invoice id", s -> s.getInvoice(GetInvoiceRequest.newBuilder().setInvoiceId("1; drop table invoice").build()), "invoice_id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsInvalidArgumentNamingTheField(Malformed m) {
        Throwable t = catchThrowable(() -> m.call().accept(desk));
        assertThat(Calls.code(t)).as(m.name()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badFields(t)).as(m.name()).contains(m.field());
    }
}
