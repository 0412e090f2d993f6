package org.medconnect.desktop.appointment;

import org.medconnect.desktop.workspace.ReceptionDesk;
import org.medconnect.desktop.platform.ClinicTime;
import org.medconnect.desktop.platform.FrontDesk;
import org.medconnect.desktop.patient.PatientFormViewModel;
import org.medconnect.desktop.patient.PatientPickerViewModel;
import org.medconnect.desktop.testing.FakeClinicServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medconnect.desktop.appointment.Samples.ADEYEMI;
import static org.medconnect.desktop.appointment.Samples.CHEN;
import static org.medconnect.desktop.appointment.Samples.CONSULTATION;
import static org.medconnect.desktop.appointment.Samples.DAY;
import static org.medconnect.desktop.appointment.Samples.GARCIA;
import static org.medconnect.desktop.appointment.Samples.NOVAK;
import static org.medconnect.desktop.appointment.Samples.ZONE;
import static org.medconnect.desktop.appointment.Samples.slot;

import io.grpc.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.proto.appointment.v1.Appointment;
import org.medconnect.proto.appointment.v1.AppointmentServiceGrpc;
import org.medconnect.proto.appointment.v1.BookAppointmentRequest;
import org.medconnect.proto.appointment.v1.BookAppointmentResponse;
import org.medconnect.proto.patient.v1.FindLikelyDuplicatesResponse;
import org.medconnect.proto.patient.v1.LikelyDuplicate;
import org.medconnect.proto.patient.v1.PatientServiceGrpc;
import org.medconnect.proto.patient.v1.RegisterPatientRequest;
import org.medconnect.proto.patient.v1.RegisterPatientResponse;
import org.medconnect.proto.patient.v1.SearchPatientsRequest;
import org.medconnect.proto.patient.v1.SearchPatientsResponse;
import org.medconnect.proto.patient.v1.Sex;
import org.medconnect.proto.schedule.v1.ScheduleServiceGrpc;
import org.medconnect.proto.schedule.v1.SearchSlotsRequest;
import org.medconnect.proto.schedule.v1.SearchSlotsResponse;
import org.medconnect.proto.schedule.v1.Slot;

class BookingViewModelTest {

    private final ClinicTime time = new ClinicTime(Clock.fixed(Samples.at(DAY, "08:00"), ZONE));
    private final Slot nine = slot(CHEN, DAY, "09:00", 30);
    private final Slot nineThirty = slot(CHEN, DAY, "09:30", 30);
    private final Slot tomorrowTen = slot(CHEN, DAY.plusDays(1), "10:00", 30);
    private final List<Slot> free = new ArrayList<>(List.of(nine, nineThirty, tomorrowTen));
    private FakeClinicServer server;
    private ReceptionDesk desk;
    private BookingViewModel booking;

    @BeforeEach
    void open() {
        server = new FakeClinicServer()
                .on(ScheduleServiceGrpc.getSearchSlotsMethod(), r -> SearchSlotsResponse.newBuilder().addAllSlots(free).build())
                .on(PatientServiceGrpc.getSearchPatientsMethod(), r -> SearchPatientsResponse.newBuilder()
                        .addPatients(GARCIA).build())
                .on(AppointmentServiceGrpc.getBookAppointmentMethod(), r -> BookAppointmentResponse.newBuilder()
                        .setAppointment(Appointment.newBuilder().setAppointmentId("new").setReference("A-001001")).build());
        desk = new ReceptionDesk(server.connection(), server.calls(), null, time);
        desk.directory().accept(Samples.lists());
        booking = desk.newBooking(FrontDesk.Prefill.empty());
    }

    @AfterEach
    void close() {
        server.close();
    }

    private void choosePatientAndSlot(Slot slot) {
        booking.patient().queryProperty().set("garc");
        booking.patient().search();
        booking.patient().choose(booking.patient().results().getFirst());
        booking.slots().typeProperty().set(CONSULTATION);
        booking.slots().doctorProperty().set(CHEN);
        booking.slots().search();
        booking.slots().selectedProperty().set(slot);
    }

    @Test
    void booksThePatientIntoTheChosenSlotWithTheReason() {
        choosePatientAndSlot(nineThirty);
        booking.reasonProperty().set("  Chest pain when climbing stairs  ");
        Appointment[] booked = new Appointment[1];
        booking.onBooked(a -> booked[0] = a);

        booking.book();

        BookAppointmentRequest sent = server.lastRequest(AppointmentServiceGrpc.getBookAppointmentMethod());
        assertThat(sent.getPatientId()).isEqualTo("pat-garcia");
        assertThat(sent.getDoctorId()).isEqualTo("doc-chen");
        assertThat(sent.getLocationId()).isEqualTo("loc-river");
        assertThat(sent.getAppointmentTypeId()).isEqualTo("type-consult");
        assertThat(sent.getStartsAt()).isEqualTo(nineThirty.getStartsAt());
        assertThat(sent.getReason()).isEqualTo("Chest pain when climbing stairs");
        assertThat(sent.getRequestId()).hasSize(36);
        assertThat(booked[0].getReference()).isEqualTo("A-001001");
    }

    @Test
    void cannotBookWithoutAPatientOrASlot() {
        assertThat(booking.readyBinding().get()).isFalse();
        booking.book();
        assertThat(booking.messageProperty().get()).isEqualTo("Find the patient first, or register them.");

        booking.patient().choose(GARCIA);
        booking.book();
        assertThat(booking.messageProperty().get()).isEqualTo("Pick a free slot.");
        assertThat(server.requests(AppointmentServiceGrpc.getBookAppointmentMethod())).isEmpty();
    }

    @Test
    void aTooLongReasonIsCaughtBeforeSending() {
        choosePatientAndSlot(nine);
        booking.reasonProperty().set("x".repeat(501));

        booking.book();

        assertThat(booking.reasonErrorProperty().get()).contains("500");
        assertThat(server.requests(AppointmentServiceGrpc.getBookAppointmentMethod())).isEmpty();
    }

    @Nested
    class WhenTheSlotIsTakenFirst {

        @BeforeEach
        void someoneElseIsFaster() {
            server.onInTurn(AppointmentServiceGrpc.getBookAppointmentMethod(),
                    Failures.reason(Status.Code.ABORTED, "Someone else booked that time.", "SLOT_TAKEN"),
                    BookAppointmentResponse.newBuilder().setAppointment(Appointment.newBuilder().setAppointmentId("new")).build());
            choosePatientAndSlot(nine);
            booking.reasonProperty().set("Follow-up on blood pressure");
            free.remove(nine); // gone on the server
            booking.book();
        }

        @Test
        void saysSoAndShowsTheSlotsAgainWithoutIt() {
            assertThat(booking.messageProperty().get()).isEqualTo("That slot was just taken. Please pick another.");
            assertThat(booking.slots().selectedProperty().get()).isNull();
            assertThat(booking.slots().days().getFirst().slots()).containsExactly(nineThirty);
        }

        @Test
        void keepsThePatientTheReasonAndTheCriteria() {
            assertThat(booking.patient().selectedProperty().get()).isEqualTo(GARCIA);
            assertThat(booking.reasonProperty().get()).isEqualTo("Follow-up on blood pressure");
            assertThat(booking.slots().doctorProperty().get()).isEqualTo(CHEN);
            assertThat(booking.slots().typeProperty().get()).isEqualTo(CONSULTATION);
        }

        @Test
        void theNextTryIsANewRequest() {
            String first = server.lastRequest(AppointmentServiceGrpc.getBookAppointmentMethod()).getRequestId();
            booking.slots().selectedProperty().set(nineThirty);

            booking.book();

            assertThat(server.lastRequest(AppointmentServiceGrpc.getBookAppointmentMethod()).getRequestId()).isNotEqualTo(first);
            assertThat(booking.messageProperty().get()).isEmpty();
        }
    }

    @Test
    void aRetryAfterATimeoutSendsTheSameRequestIdSoNothingIsBookedTwice() {
        server.onInTurn(AppointmentServiceGrpc.getBookAppointmentMethod(),
                Status.DEADLINE_EXCEEDED.asRuntimeException(),
                BookAppointmentResponse.newBuilder().setAppointment(Appointment.newBuilder().setAppointmentId("new")).build());
        choosePatientAndSlot(nine);

        booking.book();
        assertThat(booking.messageProperty().get()).contains("did not answer in time");
        booking.book();

        List<BookAppointmentRequest> sent = server.requests(AppointmentServiceGrpc.getBookAppointmentMethod());
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getRequestId()).isEqualTo(sent.get(0).getRequestId());
    }

    @Test
    void aStatusRefusalIsShownAsTheServerSaysIt() {
        server.on(AppointmentServiceGrpc.getBookAppointmentMethod(), r -> {
            throw Failures.reason(Status.Code.FAILED_PRECONDITION, "Dr Anna Chen does not work at Hilltop.", "NOT_BOOKABLE");
        });
        choosePatientAndSlot(nine);

        booking.book();

        assertThat(booking.messageProperty().get()).isEqualTo("Dr Anna Chen does not work at Hilltop.");
    }

    @Nested
    class SlotFinder {

        @Test
        void asksForATypeAndADoctorOrDepartmentFirst() {
            SlotFinderViewModel slots = booking.slots();

            slots.search();
            assertThat(slots.messageProperty().get()).isEqualTo("Choose the kind of appointment to see free slots.");
            slots.typeProperty().set(CONSULTATION);
            slots.search();
            assertThat(slots.messageProperty().get()).isEqualTo("Choose a doctor, or a department for any of its doctors.");
            assertThat(server.requests(ScheduleServiceGrpc.getSearchSlotsMethod())).isEmpty();
        }

        @Test
        void groupsFreeSlotsByClinicDay() {
            choosePatientAndSlot(nine);

            assertThat(booking.slots().days()).extracting(SlotFinderViewModel.SlotDay::label)
                    .containsExactly("Tue 24 Nov", "Wed 25 Nov");
            assertThat(booking.slots().days().getFirst().slots()).containsExactly(nine, nineThirty);
            assertThat(booking.slots().slotLabel(nine)).isEqualTo("09:00");
        }

        @Test
        void aDepartmentSearchNamesTheDoctorOnEachSlot() {
            SlotFinderViewModel slots = booking.slots();
            slots.typeProperty().set(CONSULTATION);
            slots.departmentProperty().set(Samples.CARDIOLOGY);

            slots.search();

            SearchSlotsRequest sent = server.lastRequest(ScheduleServiceGrpc.getSearchSlotsMethod());
            assertThat(sent.getDepartmentId()).isEqualTo("dep-cardio");
            assertThat(sent.getDoctorId()).isEmpty();
            assertThat(slots.slotLabel(nine)).isEqualTo("09:00 · Dr Anna Chen");
            assertThat(slots.doctorChoices()).extracting(d -> d.getDisplayName()).doesNotContain("Dr Samuel Adeyemi");
        }

        @Test
        void leavesOutTimesThatClashWithThePatientsOwnAppointmentAndSaysWhichOne() {
            server.on(AppointmentServiceGrpc.getListAppointmentsMethod(), r -> org.medconnect.proto.appointment.v1.ListAppointmentsResponse
                    .newBuilder().addAppointments(Appointment.newBuilder().setAppointmentId("own").setReference("A-000777")
                            .setDoctorName("Dr Samuel Adeyemi").setStartsAt(nine.getStartsAt()).setEndsAt(nine.getEndsAt())
                            .setStatus(org.medconnect.proto.appointment.v1.AppointmentStatus.APPOINTMENT_STATUS_CONFIRMED))
                    .build());

            choosePatientAndSlot(nineThirty);

            assertThat(booking.slots().days().getFirst().slots()).containsExactly(nineThirty);
            assertThat(booking.slots().hintProperty().get()).contains("A-000777").contains("Dr Samuel Adeyemi");
            assertThat(server.lastRequest(AppointmentServiceGrpc.getListAppointmentsMethod()).getPatientId())
                    .isEqualTo(GARCIA.getPatientId());
        }

        @Test
        void refusesARangeLongerThanTheServerAllows() {
            SlotFinderViewModel slots = booking.slots();
            slots.typeProperty().set(CONSULTATION);
            slots.doctorProperty().set(CHEN);
            slots.toProperty().set(DAY.plusDays(100));

            slots.search();

            assertThat(slots.messageProperty().get()).isEqualTo("Search at most 92 days at a time.");
        }

        @Test
        void aCellOfTheDayBoardPicksThatDoctorsSlotAtThatTime() {
            BookingViewModel fromBoard = desk.newBooking(new FrontDesk.Prefill(Optional.empty(), Optional.of("doc-chen"),
                    Optional.of(DAY), Optional.of(Samples.at(DAY, "09:30"))));
            fromBoard.slots().typeProperty().set(CONSULTATION);

            fromBoard.slots().search();

            assertThat(fromBoard.slots().doctorProperty().get()).isEqualTo(CHEN);
            assertThat(fromBoard.slots().departmentProperty().get()).isEqualTo(Samples.CARDIOLOGY);
            assertThat(fromBoard.slots().selectedProperty().get()).isEqualTo(nineThirty);
            assertThat(server.lastRequest(ScheduleServiceGrpc.getSearchSlotsMethod()).getFromDate()).isEqualTo(DAY.toString());
        }

        @Test
        void searchesByItselfOnceTheCriteriaAreComplete() {
            SlotFinderViewModel slots = booking.slots();
            slots.searchWhenCriteriaChange();

            slots.typeProperty().set(CONSULTATION);
            assertThat(server.requests(ScheduleServiceGrpc.getSearchSlotsMethod())).isEmpty();
            slots.doctorProperty().set(ADEYEMI);

            assertThat(server.lastRequest(ScheduleServiceGrpc.getSearchSlotsMethod()).getDoctorId()).isEqualTo("doc-adeyemi");
            assertThat(slots.days()).isNotEmpty();
        }
    }

    @Nested
    class FindingThePatient {

        @Test
        void searchesTheRegisterFromTwoCharacters() {
            PatientPickerViewModel patient = booking.patient();
            patient.queryProperty().set("g");
            patient.search();
            assertThat(patient.messageProperty().get()).isEqualTo("Type at least 2 characters.");
            assertThat(server.requests(PatientServiceGrpc.getSearchPatientsMethod())).isEmpty();

            patient.queryProperty().set("07/03/1984");
            patient.search();

            SearchPatientsRequest sent = server.lastRequest(PatientServiceGrpc.getSearchPatientsMethod());
            assertThat(sent.getQuery()).isEqualTo("07/03/1984");
            assertThat(patient.results()).containsExactly(GARCIA);
        }

        @Test
        void quickRegistrationStartsFromTheTypedName() {
            PatientPickerViewModel patient = booking.patient();
            patient.queryProperty().set("Petr Novak");

            patient.startRegistering();

            assertThat(patient.modeProperty().get()).isEqualTo(PatientPickerViewModel.Mode.REGISTER);
            assertThat(patient.formProperty().get().givenNameProperty().get()).isEqualTo("Petr");
            assertThat(patient.formProperty().get().familyNameProperty().get()).isEqualTo("Novak");
        }

        @Test
        void aRegisteredPatientBecomesTheChosenOne() {
            server.on(PatientServiceGrpc.getRegisterPatientMethod(), r -> RegisterPatientResponse.newBuilder().setPatient(NOVAK).build());
            PatientPickerViewModel patient = booking.patient();
            patient.startRegistering();
            fill(patient.formProperty().get());

            patient.formProperty().get().save();

            RegisterPatientRequest sent = server.lastRequest(PatientServiceGrpc.getRegisterPatientMethod());
            assertThat(sent.getDetails().getDateOfBirth()).isEqualTo("1971-11-30");
            assertThat(sent.getRegisterDespiteDuplicates()).isFalse();
            assertThat(patient.selectedProperty().get()).isEqualTo(NOVAK);
            assertThat(patient.modeProperty().get()).isEqualTo(PatientPickerViewModel.Mode.SEARCH);
        }

        @Nested
        class WhenTheServerSuspectsADuplicate {

            private PatientFormViewModel form;

            @BeforeEach
            void registerSomeoneWhoMayExist() {
                server.onInTurn(PatientServiceGrpc.getRegisterPatientMethod(),
                        Failures.reason(Status.Code.FAILED_PRECONDITION, "This patient may already be registered.", "LIKELY_DUPLICATE"),
                        RegisterPatientResponse.newBuilder().setPatient(NOVAK).build());
                server.on(PatientServiceGrpc.getFindLikelyDuplicatesMethod(), r -> FindLikelyDuplicatesResponse.newBuilder()
                        .addDuplicates(LikelyDuplicate.newBuilder().setPatient(GARCIA).setWhy("Same phone number")).build());
                booking.patient().startRegistering();
                form = booking.patient().formProperty().get();
                fill(form);
                form.save();
            }

            @Test
            void showsTheLikelyDuplicatesAndWhy() {
                assertThat(form.duplicates()).extracting(d -> d.getWhy()).containsExactly("Same phone number");
                assertThat(server.lastRequest(PatientServiceGrpc.getFindLikelyDuplicatesMethod()).getDetails().getFamilyName())
                        .isEqualTo("Novak");
                assertThat(booking.patient().selectedProperty().get()).isNull();
            }

            @Test
            void pickingOneOfThemChoosesThatPatient() {
                booking.patient().choose(form.duplicates().getFirst().getPatient());

                assertThat(booking.patient().selectedProperty().get()).isEqualTo(GARCIA);
                assertThat(server.requests(PatientServiceGrpc.getRegisterPatientMethod())).hasSize(1);
            }

            @Test
            void registerAnywaySaysSoToTheServerAsANewRequest() {
                String first = server.lastRequest(PatientServiceGrpc.getRegisterPatientMethod()).getRequestId();

                form.registerAnyway();

                RegisterPatientRequest again = server.lastRequest(PatientServiceGrpc.getRegisterPatientMethod());
                assertThat(again.getRegisterDespiteDuplicates()).isTrue();
                assertThat(again.getRequestId()).isNotEqualTo(first);
                assertThat(booking.patient().selectedProperty().get()).isEqualTo(NOVAK);
            }
        }

        @Test
        void registrationChecksTheFieldsBeforeSending() {
            booking.patient().startRegistering();
            PatientFormViewModel form = booking.patient().formProperty().get();
            form.dateOfBirthProperty().set("30.02.1971");
            form.phoneProperty().set("call me");

            form.save();

            assertThat(form.error(PatientFormViewModel.GIVEN_NAME).get()).isEqualTo("Enter the given (first) name.");
            assertThat(form.error(PatientFormViewModel.DATE_OF_BIRTH).get()).contains("1984-03-07");
            assertThat(form.error(PatientFormViewModel.SEX).get()).isNotEmpty();
            assertThat(form.error(PatientFormViewModel.PHONE).get()).contains("digits");
            assertThat(server.requests(PatientServiceGrpc.getRegisterPatientMethod())).isEmpty();
        }

        private void fill(PatientFormViewModel form) {
            form.givenNameProperty().set("Petr");
            form.familyNameProperty().set("Novak");
            form.dateOfBirthProperty().set("30/11/1971");
            form.sexProperty().set(Sex.SEX_MALE);
            form.phoneProperty().set("+1 555 0142");
        }
    }

    @Test
    void aDateFieldCommittingTheSameDayAgainDoesNotSearchAgain() {
        booking.slots().searchWhenCriteriaChange();
        booking.slots().typeProperty().set(CONSULTATION);
        booking.slots().doctorProperty().set(CHEN);
        int searches = server.requests(ScheduleServiceGrpc.getSearchSlotsMethod()).size();
        java.time.LocalDate from = booking.slots().fromProperty().get();

        // What a date field does when the focus leaves it: it reads its own text back into an equal date.
        booking.slots().fromProperty().set(java.time.LocalDate.of(from.getYear(), from.getMonth(), from.getDayOfMonth()));

        assertThat(searches).isPositive();
        assertThat(server.requests(ScheduleServiceGrpc.getSearchSlotsMethod())).hasSize(searches);
    }

    @Test
    void theReadOutStartsWithTheReference() {
        Appointment booked = Appointment.newBuilder().setReference("A-001001").setDoctorName("Dr Anna Chen")
                .setLocationName("Riverside").setStartsAt(nineThirty.getStartsAt())
                .setPatient(org.medconnect.proto.patient.v1.PatientSummary.newBuilder().setDisplayName("Maria Garcia")).build();

        assertThat(BookingViewModel.readOut(booked, time))
                .startsWith("Reference A-001001: Maria Garcia with Dr Anna Chen on ").contains(" at 09:30, Riverside.");
    }
}
