package org.medconnect.desktop.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medconnect.proto.schedule.v1.Doctor;

/** Issue 11 item 16: the reception queue opens where the work is, and says how it orders. */
class ReceptionQueueOpensTest {

    private static Doctor doctor(String id, String name) {
        return Doctor.newBuilder().setDoctorId(id).setDisplayName(name).build();
    }

    private final List<Doctor> doctors = List.of(doctor("a", "Dr Anna Adams"), doctor("b", "Dr Ben Brown"), doctor("c", "Dr Cara Cole"));

    @Test
    void opensOnTheDoctorWithMostPatientsWaitingNotTheFirstByName() {
        assertThat(ReceptionQueueViewModel.busiest(doctors, Map.of("a", 0, "b", 3, "c", 1))).contains(doctors.get(1));
    }

    @Test
    void withNobodyWaitingItOpensOnTheFirstByName() {
        assertThat(ReceptionQueueViewModel.busiest(doctors, Map.of())).contains(doctors.getFirst());
    }

    @Test
    void aTieGoesToTheFirstByName() {
        assertThat(ReceptionQueueViewModel.busiest(doctors, Map.of("b", 2, "c", 2))).contains(doctors.get(1));
    }

    @Test
    void theScreenSaysItOrdersByArrival() {
        assertThat(ReceptionQueueViewModel.ORDER_NOTE).contains("order of arrival").contains("not appointment time");
    }
}
