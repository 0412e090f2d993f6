package org.medconnect.server.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.platform.Role;
import org.medconnect.server.testing.SchedulingFixture;

/**
 * A small clinic with figures worked out by hand (UTC clinic, week Mon 2026-11-02 .. Sun 2026-11-08).
 *
 * <pre>
 *  #  day        time   doctor  patient status      check-in called  completed
 *  1  Mon 11-02  09:00  Okafor  P1      COMPLETED   08:50    09:02   09:27   wait 12, consult 25
 *  2  Mon 11-02  09:30  Okafor  P2      COMPLETED   09:20    09:30   09:50   wait 10, consult 20
 *  3  Tue 11-03  09:00  Okafor  P3      NO_SHOW
 *  4  Tue 11-03  09:30  Okafor  P4      CANCELLED
 *  5  Wed 11-04  10:00  Okafor  P5      COMPLETED   09:40    10:10   10:40   wait 30, consult 30
 *  6  Thu 11-05  09:00  Okafor  P1      CONFIRMED
 *  7  Sat 11-07  10:00  Okafor  P6      COMPLETED   09:55    10:00   10:45   wait 5,  consult 45
 *  8  Mon 11-02  14:00  Berg    P7      COMPLETED   13:45    14:05   14:20   wait 20, consult 15
 *  9  Wed 11-04  14:00  Berg    P8      NO_SHOW
 * 10  Wed 11-04  14:30  Berg    P9      DECLINED
 * 11  Tue 10-20  10:00  Okafor  P6      COMPLETED   (before the period: P6 is returning)
 * </pre>
 * Every appointment is 30 minutes. Okafor (Cardiology) works Mon-Fri 09:00-13:00 with a break
 * 11:00-11:30 (3.5 h a day), takes Friday 11-06 off and adds Saturday 11-07 10:00-12:00:
 * 5 x 3.5 - 3.5 + 2 = 16 h available. Berg (Dermatology) works Mon and Wed 14:00-18:00: 8 h.
 * Invoices: I1 visit 1 total 100.00 paid by card 11-02; I2 visit 8 total 80.00, 50.00 cash 11-03,
 * due 11-10; I3 visit 11 total 60.00 issued and due 10-20, 20.00 insurance 11-04.
 * Sign-ins: Okafor 11-02 08:00 and 13:00 and 11-03 08:00, a wrong password 11-02 07:59;
 * Berg 11-02 13:30; the admin 11-05 07:00.
 */
final class SmallClinic {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);
    static final LocalDate SUNDAY = LocalDate.of(2026, 11, 8);
    /** "Now" for the tests: Tuesday after the week. */
    static final Instant NOW = Instant.parse("2026-11-10T09:00:00Z");

    final DSLContext dsl;
    final SchedulingFixture fixture;
    final Principal admin;
    final Principal okafor;
    final Principal berg;
    final Principal desk;
    final UUID location;
    final UUID otherLocation;
    final UUID type;
    final UUID[] patients = new UUID[10];
    final UUID[] visits = new UUID[12];
    int references = 5000;
    int receipts;

    SmallClinic(DSLContext dsl, ClinicServices services) {
        this.dsl = dsl;
        this.fixture = new SchedulingFixture(dsl, services);
        admin = fixture.staff("boss", "Ada Admin", Role.ADMIN);
        desk = fixture.staff("maria", "Maria Lopez", Role.RECEPTIONIST);
        okafor = fixture.doctor("okafor", "Dr Okafor", "Cardiology", "Cardiology");
        berg = fixture.doctor("berg", "Dr Berg", "Dermatology", "Dermatology");
        location = fixture.location("Main street");
        otherLocation = fixture.location("Harbour");
        type = fixture.type("Consultation", 30, 0, false, false);
        for (int i = 1; i <= 9; i++) {
            patients[i] = fixture.patient("Patient", "Number" + i);
        }
        fixture.weekly(okafor.userId(), location, Optional.empty(), new int[] {1, 2, 3, 4, 5}, "09:00", "13:00", 30,
                LocalDate.of(2026, 10, 1), "11:00-11:30");
        fixture.timeOff(okafor.userId(), at("11-06", "00:00"), at("11-07", "00:00"));
        fixture.extraSession(okafor.userId(), location, at("11-07", "10:00"), at("11-07", "12:00"), 30);
        fixture.weekly(berg.userId(), location, Optional.empty(), new int[] {1, 3}, "14:00", "18:00", 30, LocalDate.of(2026, 10, 1));

        visits[1] = visit(okafor, 1, "11-02", "09:00", "COMPLETED", "08:50", "09:02", "09:27");
        visits[2] = visit(okafor, 2, "11-02", "09:30", "COMPLETED", "09:20", "09:30", "09:50");
        visits[3] = visit(okafor, 3, "11-03", "09:00", "NO_SHOW", null, null, null);
        visits[4] = visit(okafor, 4, "11-03", "09:30", "CANCELLED", null, null, null);
        visits[5] = visit(okafor, 5, "11-04", "10:00", "COMPLETED", "09:40", "10:10", "10:40");
        visits[6] = visit(okafor, 1, "11-05", "09:00", "CONFIRMED", null, null, null);
        visits[7] = visit(okafor, 6, "11-07", "10:00", "COMPLETED", "09:55", "10:00", "10:45");
        visits[8] = visit(berg, 7, "11-02", "14:00", "COMPLETED", "13:45", "14:05", "14:20");
        visits[9] = visit(berg, 8, "11-04", "14:00", "NO_SHOW", null, null, null);
        visits[10] = visit(berg, 9, "11-04", "14:30", "DECLINED", null, null, null);
        visits[11] = visit(okafor, 6, "10-20", "10:00", "COMPLETED", "09:50", "10:00", "10:20");

        UUID i1 = invoice(1, visits[1], patients[1], 10_000, "11-02", "11-02");
        UUID i2 = invoice(2, visits[8], patients[7], 8_000, "11-02", "11-10");
        UUID i3 = invoice(3, visits[11], patients[6], 6_000, "10-20", "10-20");
        pay(i1, patients[1], "CARD", 10_000, at("11-02", "10:00"));
        pay(i2, patients[7], "CASH", 5_000, at("11-03", "15:00"));
        pay(i3, patients[6], "INSURANCE", 2_000, at("11-04", "11:00"));

        signIn(okafor, "SIGNED_IN", at("11-02", "08:00"));
        signIn(okafor, "SIGNED_IN", at("11-02", "13:00"));
        signIn(okafor, "SIGNED_IN", at("11-03", "08:00"));
        signIn(okafor, "WRONG_PASSWORD", at("11-02", "07:59"));
        signIn(berg, "SIGNED_IN", at("11-02", "13:30"));
        signIn(admin, "SIGNED_IN", at("11-05", "07:00"));
    }

    static Instant at(String monthDay, String time) {
        return Instant.parse("2026-" + monthDay + "T" + time + ":00Z");
    }

    static OffsetDateTime odt(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    UUID visit(Principal doctor, int patient, String day, String time, String status, String checkedIn, String called, String completed) {
        Instant start = at(day, time);
        UUID id = dsl.fetchSingle("insert into appointment (reference, patient_id, doctor_id, location_id, type_id, starts_at, ends_at,"
                        + " blocks_until, status, checked_in_at, called_at) values (?, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, ?::timestamptz, ?::timestamptz) returning id",
                "A-" + (references++), patients[patient], doctor.userId(), location, type, odt(start), odt(start.plusSeconds(1800)),
                odt(start.plusSeconds(1800)), status, odt(checkedIn == null ? null : at(day, checkedIn)),
                odt(called == null ? null : at(day, called))).get(0, UUID.class);
        if (completed != null) {
            dsl.execute("insert into appointment_history (appointment_id, action, from_status, to_status, occurred_at)"
                    + " values (?::uuid, 'COMPLETED', 'IN_CONSULTATION', 'COMPLETED', ?::timestamptz)", id, odt(at(day, completed)));
        }
        return id;
    }

    UUID invoice(int seq, UUID visit, UUID patient, long total, String issued, String due) {
        return dsl.fetchSingle("insert into invoice (kind, status, patient_id, appointment_id, currency, subtotal_minor, total_minor,"
                        + " series, number_year, number_seq, number, issue_date, due_date, issued_at)"
                        + " values ('INVOICE', 'ISSUED', ?::uuid, ?::uuid, 'USD', ?, ?, 'INV', 2026, ?, ?, ?::date, ?::date, ?::timestamptz) returning id",
                patient, visit, total, total, seq, "INV-2026-" + seq, LocalDate.parse("2026-" + issued),
                LocalDate.parse("2026-" + due), odt(at(issued, "12:00"))).get(0, UUID.class);
    }

    void pay(UUID invoice, UUID patient, String method, long amount, Instant at) {
        receipts++;
        dsl.execute("insert into payment (kind, invoice_id, patient_id, method, amount_minor, currency, receipt_year, receipt_seq,"
                        + " receipt_number, received_at, request_id) values ('PAYMENT', ?::uuid, ?::uuid, ?, ?, 'USD', 2026, ?, ?, ?::timestamptz, ?::uuid)",
                invoice, patient, method, amount, receipts, "RCT-2026-" + receipts, odt(at), UUID.randomUUID());
    }

    void signIn(Principal who, String kind, Instant at) {
        dsl.execute("insert into auth_event (occurred_at, kind, username, user_id) values (?::timestamptz, ?, ?, ?::uuid)", odt(at), kind, who.username(),
                who.userId());
    }
}
