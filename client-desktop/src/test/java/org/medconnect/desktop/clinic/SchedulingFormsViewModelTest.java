package org.medconnect.desktop.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medconnect.desktop.platform.Failures;
import org.medconnect.desktop.platform.ScriptedTaskRunner;
import org.medconnect.desktop.platform.ServerCalls;
import org.medconnect.desktop.platform.ServerConnection;
import org.medconnect.desktop.platform.ServerErrors;
import org.medconnect.desktop.platform.SessionState;
import org.medconnect.proto.schedule.v1.AppointmentType;
import org.medconnect.proto.schedule.v1.Location;

/** The small admin forms for locations, rooms and appointment types. */
class SchedulingFormsViewModelTest {

    private final ScriptedTaskRunner runner = new ScriptedTaskRunner();
    private final ServerCalls calls = new ServerCalls(runner, new ServerErrors(() -> "x:1", ZoneOffset.UTC), new SessionState());
    private final ServerConnection connection = new ServerConnection(Duration.ofSeconds(1), s -> { });

    @Nested
    class Locations {

        @Test
        void aNameIsNeeded() {
            LocationFormViewModel form = new LocationFormViewModel(connection, calls, Optional.empty());

            form.save();

            assertThat(form.error(LocationFormViewModel.NAME).get()).isEqualTo("Enter the location's name.");
            assertThat(runner.pendingCount()).isZero();
        }

        @Test
        void aTakenNameIsShownAtTheName() {
            LocationFormViewModel form = new LocationFormViewModel(connection, calls, Optional.empty());
            form.nameProperty().set("Main clinic");

            form.save();
            runner.fail(Failures.reason(Status.Code.ALREADY_EXISTS, "A location called Main clinic already exists.", "CONFLICT"));

            assertThat(form.error(LocationFormViewModel.NAME).get()).isEqualTo("Another location already has this name.");
            assertThat(form.messageProperty().get()).isEqualTo("A location called Main clinic already exists.");
        }

        @Test
        void editingKeepsWhetherTheLocationIsRetired() {
            Location retired = Location.newBuilder().setLocationId("l1").setName("Old wing").setRetired(true).build();
            LocationFormViewModel form = new LocationFormViewModel(connection, calls, Optional.of(retired));

            assertThat(form.nameProperty().get()).isEqualTo("Old wing");
            assertThat(form.isCreate()).isFalse();
        }
    }

    @Nested
    class Rooms {

        @Test
        void aRoomNameIsShort() {
            RoomFormViewModel form = new RoomFormViewModel(connection, calls,
                    Location.newBuilder().setLocationId("l1").setName("Main").build(), Optional.empty());
            form.nameProperty().set("R".repeat(41));

            form.save();

            assertThat(form.errorProperty().get()).isEqualTo("A room name has at most 40 characters.");
            assertThat(runner.pendingCount()).isZero();
        }
    }

    @Nested
    class Types {

        @Test
        void lengthAndBufferAreWholeMinutesWithinLimits() {
            AppointmentTypeFormViewModel form = new AppointmentTypeFormViewModel(connection, calls, Optional.empty());
            form.nameProperty().set("Consultation");
            form.durationProperty().set("4");
            form.bufferProperty().set("ten");

            form.save();

            assertThat(form.error(AppointmentTypeFormViewModel.DURATION).get()).isEqualTo("An appointment lasts 5 to 480 minutes.");
            assertThat(form.error(AppointmentTypeFormViewModel.BUFFER).get()).isEqualTo("Enter the buffer in whole minutes.");
            assertThat(runner.pendingCount()).isZero();
        }

        @Test
        void theTypeSentIsTheOneOnTheForm() {
            AppointmentTypeFormViewModel form = new AppointmentTypeFormViewModel(connection, calls, Optional.empty());
            form.nameProperty().set(" Video visit ");
            form.durationProperty().set("15");
            form.bufferProperty().set("5");
            form.videoProperty().set(true);
            form.needsConfirmationProperty().set(true);

            assertThat(form.validate()).isTrue();
            AppointmentType type = form.toType();

            assertThat(type.getName()).isEqualTo("Video visit");
            assertThat(type.getDurationMinutes()).isEqualTo(15);
            assertThat(type.getBufferMinutes()).isEqualTo(5);
            assertThat(type.getVideo()).isTrue();
            assertThat(type.getNeedsConfirmation()).isTrue();
            assertThat(type.getRetired()).isFalse();
        }

        @Test
        void serverFieldErrorsLandOnTheirFields() {
            AppointmentTypeFormViewModel form = new AppointmentTypeFormViewModel(connection, calls, Optional.empty());
            form.nameProperty().set("Consultation");

            form.save();
            runner.fail(Failures.reason(Status.Code.INVALID_ARGUMENT, "Some fields need attention.", "VALIDATION",
                    "type.duration_minutes", "An appointment lasts 5 to 480 minutes."));

            assertThat(form.error(AppointmentTypeFormViewModel.DURATION).get()).isEqualTo("An appointment lasts 5 to 480 minutes.");
        }

        @Test
        void minutesReadNaturally() {
            assertThat(AppointmentTypesViewModel.minutes(20)).isEqualTo("20 min");
            assertThat(AppointmentTypesViewModel.minutes(60)).isEqualTo("1 h");
            assertThat(AppointmentTypesViewModel.minutes(90)).isEqualTo("1 h 30 min");
        }
    }
}
