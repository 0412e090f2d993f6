package org.medconnect.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.server.platform.DomainException;
import org.medconnect.server.schedule.ScheduleModel.LocationChanges;
import org.medconnect.server.schedule.ScheduleModel.NewLocation;
import org.medconnect.server.schedule.ScheduleModel.NewRoom;
import org.medconnect.server.schedule.ScheduleModel.NewType;
import org.medconnect.server.schedule.ScheduleModel.RoomChanges;
import org.medconnect.server.schedule.ScheduleModel.RuleInput;
import org.medconnect.server.schedule.ScheduleModel.TypeChanges;
import org.medconnect.server.schedule.ScheduleModel.TypeFields;

class ClinicSetupServiceTest extends ScheduleTestBase {

    @Nested
    class Locations {
        @Test
        void listsByNameAndHidesRetiredUnlessAsked() {
            setup.updateLocation(admin, new LocationChanges(hillview, "Hillview Clinic", "", "", true));
            assertThat(setup.listLocations(false)).extracting(ScheduleModel.Location::name).containsExactly("Riverside Clinic");
            assertThat(setup.listLocations(true)).extracting(ScheduleModel.Location::name).containsExactly("Hillview Clinic", "Riverside Clinic");
            assertThat(setup.getLocation(riverside).address()).contains("12 River Road");
            assertThat(setup.getLocation(hillview).address()).isEmpty();
        }

        @Test
        void aTakenNameIsAConflictNamingTheFieldOnCreateAndRename() {
            var create = catchThrowableOfType(DomainException.Conflict.class,
                    () -> setup.createLocation(admin, new NewLocation(Optional.empty(), "  riverside clinic ", "", "")));
            assertThat(create.field()).contains("name");
            var rename = catchThrowableOfType(DomainException.Conflict.class,
                    () -> setup.updateLocation(admin, new LocationChanges(hillview, "RIVERSIDE CLINIC", "", "", false)));
            assertThat(rename.field()).contains("name");
            assertThat(setup.getLocation(hillview).name()).isEqualTo("Hillview Clinic");
        }

        @Test
        void aRetryWithTheSameRequestIdReturnsTheFirstLocation() {
            UUID requestId = UUID.randomUUID();
            var first = setup.createLocation(admin, new NewLocation(Optional.of(requestId), "Lakeside Clinic", "", ""));
            var retry = setup.createLocation(admin, new NewLocation(Optional.of(requestId), "Lakeside Clinic", "", ""));
            assertThat(retry.id()).isEqualTo(first.id());
            assertThat(setup.listLocations(true)).hasSize(3);
        }

        @Test
        void everyBadFieldIsNamedAtOnce() {
            var e = catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> setup.createLocation(admin, new NewLocation(Optional.empty(), " ", "a".repeat(301), "1".repeat(40))));
            assertThat(fields(e)).containsExactly("name", "address", "phone");
        }

        @Test
        void changesAreAudited() {
            setup.updateLocation(admin, new LocationChanges(hillview, "Hillview Health Centre", "", "", false));
            setup.updateLocation(admin, new LocationChanges(hillview, "Hillview Health Centre", "", "", true));
            assertThat(auditActions()).containsSubsequence("LOCATION_RETIRED", "LOCATION_UPDATED", "LOCATION_CREATED");
        }
    }

    @Nested
    class Rooms {
        @Test
        void aRoomNameIsUniqueWithinItsLocationOnly() {
            setup.createRoom(admin, new NewRoom(Optional.empty(), riverside, "Room 1"));
            setup.createRoom(admin, new NewRoom(Optional.empty(), hillview, "Room 1"));
            var e = catchThrowableOfType(DomainException.Conflict.class,
                    () -> setup.createRoom(admin, new NewRoom(Optional.empty(), riverside, "room 1")));
            assertThat(e.field()).contains("name");
            assertThat(setup.listRooms(Optional.of(riverside), false)).hasSize(1);
            assertThat(setup.listRooms(Optional.empty(), false)).hasSize(2);
        }

        @Test
        void aRetiredLocationTakesNoNewRoomsAndItsRoomsAreHidden() {
            setup.createRoom(admin, new NewRoom(Optional.empty(), hillview, "Room A"));
            setup.updateLocation(admin, new LocationChanges(hillview, "Hillview Clinic", "", "", true));
            var e = catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> setup.createRoom(admin, new NewRoom(Optional.empty(), hillview, "Room B")));
            assertThat(fields(e)).containsExactly("location_id");
            assertThat(e.getMessage()).contains("Hillview Clinic is retired");
            assertThat(setup.listRooms(Optional.empty(), false)).isEmpty();
            assertThat(setup.listRooms(Optional.empty(), true)).extracting(ScheduleModel.Room::name).containsExactly("Room A");
        }

        @Test
        void retiringARoomHidesItAndARetryCreatesNothingNew() {
            UUID requestId = UUID.randomUUID();
            var room = setup.createRoom(admin, new NewRoom(Optional.of(requestId), riverside, "Room 2"));
            assertThat(setup.createRoom(admin, new NewRoom(Optional.of(requestId), riverside, "Room 2")).id()).isEqualTo(room.id());
            setup.updateRoom(admin, new RoomChanges(room.id(), "Room 2", true));
            assertThat(setup.listRooms(Optional.of(riverside), false)).isEmpty();
            assertThat(auditActions()).contains("ROOM_CREATED", "ROOM_RETIRED");
        }
    }

    @Nested
    class AppointmentTypes {
        @Test
        void aTypeKeepsItsDurationBufferAndFlags() {
            var type = setup.createType(admin, new NewType(Optional.empty(), new TypeFields(" Procedure ", 45, 15, false, true, false)));
            assertThat(type.name()).isEqualTo("Procedure");
            assertThat(type.durationMinutes()).isEqualTo(45);
            assertThat(type.bufferMinutes()).isEqualTo(15);
            assertThat(type.needsConfirmation()).isTrue();
            assertThat(type.retired()).isFalse();
        }

        @Test
        void durationsAndBuffersOutOfRangeAreRefusedNamingTheFields() {
            var e = catchThrowableOfType(DomainException.InvalidInput.class,
                    () -> setup.createType(admin, new NewType(Optional.empty(), new TypeFields("", 481, 121, false, false, false))));
            assertThat(fields(e)).containsExactly("type.name", "type.duration_minutes", "type.buffer_minutes");
        }

        @Test
        void aTakenNameIsAConflictAndRetiredTypesAreHidden() {
            var consultation = setup.createType(admin, new NewType(Optional.empty(), new TypeFields("Consultation", 20, 5, false, false, false)));
            var video = setup.createType(admin, new NewType(Optional.empty(), new TypeFields("Video visit", 20, 0, true, false, false)));
            var e = catchThrowableOfType(DomainException.Conflict.class, () -> setup.updateType(admin,
                    new TypeChanges(video.id(), new TypeFields("consultation", 20, 0, true, false, false))));
            assertThat(e.field()).contains("type.name");
            setup.updateType(admin, new TypeChanges(consultation.id(), new TypeFields("Consultation", 30, 5, false, false, true)));
            assertThat(setup.listTypes(false)).extracting(ScheduleModel.AppointmentType::name).containsExactly("Video visit");
            assertThat(setup.listTypes(true)).hasSize(2);
            assertThat(setup.getType(consultation.id()).durationMinutes()).isEqualTo(30);
        }

        @Test
        void aRetryWithTheSameRequestIdReturnsTheFirstType() {
            UUID requestId = UUID.randomUUID();
            var fields = new TypeFields("Follow-up", 15, 0, false, false, false);
            var first = setup.createType(admin, new NewType(Optional.of(requestId), fields));
            assertThat(setup.createType(admin, new NewType(Optional.of(requestId), fields)).id()).isEqualTo(first.id());
            assertThat(setup.listTypes(true)).hasSize(1);
        }
    }

    @Nested
    class DoctorDirectory {
        @Test
        void listsActiveDoctorsWithDepartmentAndCurrentLocations() {
            schedule.saveRule(reception, rule(drOkafor, riverside, List.of(1, 3, 5), "09:00", "17:00"));
            schedule.saveRule(reception, rule(drOkafor, hillview, List.of(2, 4), "09:00", "17:00"));
            schedule.saveRule(reception, new RuleInput(Optional.empty(), Optional.empty(), drHaddad.userId(), hillview, Optional.empty(),
                    MON_TO_FRI, "09:00", "17:00", 15, List.of(), "2026-01-01", "2026-11-22"));
            var doctors = setup.listDoctors(Optional.empty(), Optional.empty());
            assertThat(doctors).extracting(ScheduleModel.Doctor::displayName).containsExactly("Dr dr.haddad", "Dr dr.okafor");
            var okafor = doctors.get(1);
            assertThat(okafor.departmentName()).isEqualTo("General Medicine");
            assertThat(okafor.locationIds()).containsExactlyInAnyOrder(riverside, hillview);
            assertThat(doctors.get(0).locationIds()).as("an ended rule does not count").isEmpty();
        }

        @Test
        void filtersByDepartmentAndLocationAndHidesDeactivatedDoctors() {
            schedule.saveRule(reception, week(drOkafor, riverside));
            schedule.saveRule(reception, week(drHaddad, hillview));
            assertThat(setup.listDoctors(Optional.of(cardiology), Optional.empty())).extracting(ScheduleModel.Doctor::id)
                    .containsExactly(drHaddad.userId());
            assertThat(setup.listDoctors(Optional.empty(), Optional.of(riverside))).extracting(ScheduleModel.Doctor::id)
                    .containsExactly(drOkafor.userId());
            assertThat(setup.listDoctors(Optional.of(cardiology), Optional.of(riverside))).isEmpty();
            staff.deactivate(admin, drHaddad.userId());
            assertThat(setup.listDoctors(Optional.empty(), Optional.empty())).extracting(ScheduleModel.Doctor::id)
                    .containsExactly(drOkafor.userId());
        }
    }
}
