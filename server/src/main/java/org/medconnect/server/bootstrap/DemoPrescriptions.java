package org.medconnect.server.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.platform.Principal;
import org.medconnect.server.prescription.PrescriptionModel.AlertOverride;
import org.medconnect.server.prescription.PrescriptionModel.Dispense;
import org.medconnect.server.prescription.PrescriptionModel.DispenseSource;
import org.medconnect.server.prescription.PrescriptionModel.Frequency;
import org.medconnect.server.prescription.PrescriptionModel.LineInput;
import org.medconnect.server.prescription.PrescriptionModel.NewPrescription;
import org.medconnect.server.prescription.PrescriptionModel.NewRefillRequest;
import org.medconnect.server.prescription.PrescriptionModel.Prescription;
import org.medconnect.server.prescription.PrescriptionModel.Route;
import org.medconnect.server.prescription.check.DrugChecks;
import org.medconnect.server.prescription.drug.DrugModel.SaveBrand;

/**
 * Prescriptions for the demo clinic, written through the real services so the checks run:
 * the first doctor's three long-history patients get a long-term prescription (dispensed
 * once), a short course, an interaction signed past with a reason, and a draft; reception has
 * recorded a refill request; the admin has mapped a local brand.
 */
final class DemoPrescriptions {

    private static final String OVERRIDE_REASON = "Benefit outweighs the risk; discussed with the patient, review in two weeks.";

    private final ClinicServices services;
    private final DSLContext dsl;

    DemoPrescriptions(ClinicServices services) {
        this.services = services;
        this.dsl = services.database().dsl();
    }

    void seed(Principal admin, Principal doctor, Principal reception) {
        services.drugs().save(admin, new SaveBrand(Optional.empty(), Optional.of(UUID.randomUUID()), 0, "Augmentin",
                List.of("amoxicillin", "clavulanate")));
        List<UUID> patients = dsl.resultQuery("""
                select patient_id from appointment where doctor_id = ?
                 group by patient_id order by min(starts_at) limit 3""", doctor.userId()).fetch(0, UUID.class);
        if (patients.size() < 3) {
            return;
        }
        Prescription metformin = signed(doctor, patients.get(0), List.of(
                line("metformin", "500 mg", "tablet", "1", Frequency.TWICE_DAILY, 90, 2, "Take with breakfast and the evening meal.", "")));
        services.prescriptions().dispense(doctor, new Dispense(Optional.of(UUID.randomUUID()), metformin.id(),
                metformin.lines().getFirst().id(), services.clock().instant().atZone(services.slots().zone()).toLocalDate(), "180",
                Optional.of(DispenseSource.PHARMACY)));
        signed(doctor, patients.get(0), List.of(
                line("ibuprofen", "400 mg", "tablet", "1", Frequency.THREE_TIMES_DAILY, 5, 0, "Take with food.", "Stop if you get stomach pain.")));
        // An interaction the ONC panel lists as high priority, signed past with a reason: the chart shows the override.
        signed(doctor, patients.get(1), List.of(
                line("simvastatin", "20 mg", "tablet", "1", Frequency.AT_NIGHT, 30, 1, "", ""),
                line("clarithromycin", "500 mg", "tablet", "1", Frequency.TWICE_DAILY, 7, 0, "Finish the course.", "")));
        services.prescriptions().create(doctor, new NewPrescription(Optional.of(UUID.randomUUID()), patients.get(2), Optional.empty(),
                List.of(line("lisinopril", "10 mg", "tablet", "1", Frequency.ONCE_DAILY, 30, 0, "Check your blood pressure weekly.", "")),
                30, ""));
        services.refills().record(reception, new NewRefillRequest(Optional.of(UUID.randomUUID()), patients.get(0), doctor.userId(),
                "Asks for more of the diabetes tablets; runs out next week."));
    }

    private Prescription signed(Principal doctor, UUID patient, List<LineInput> lines) {
        Prescription draft = services.prescriptions().create(doctor, new NewPrescription(Optional.of(UUID.randomUUID()), patient,
                Optional.empty(), lines, 30, ""));
        List<AlertOverride> overrides = new ArrayList<>();
        for (var a : draft.alerts()) {
            if (a.alert().severity() == DrugChecks.Severity.HIGH) {
                overrides.add(new AlertOverride(a.alert().key(), OVERRIDE_REASON));
            }
        }
        return services.prescriptions().sign(doctor, draft.id(), draft.version(), overrides);
    }

    private static LineInput line(String drug, String strength, String form, String dose, Frequency frequency, int days, int refills,
                                  String instructions, String warnings) {
        return new LineInput(drug, "", strength, form, Optional.of(Route.ORAL), dose, form, Optional.of(frequency), false, days, "",
                form, refills, instructions, warnings);
    }
}
