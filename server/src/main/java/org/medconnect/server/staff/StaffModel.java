package org.medconnect.server.staff;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.medconnect.server.platform.Role;

/** Value types of the staff feature. */
public final class StaffModel {

    private StaffModel() {}

    /** A doctor's public profile. */
    public record DoctorProfile(
            String specialization,
            UUID departmentId,
            String departmentName,
            String qualification,
            int yearsOfExperience,
            long feeMinorUnits,
            String currency,
            // Printed on prescriptions under the doctor's name; empty when not given.
            String registrationNumber) {

        public DoctorProfile(String specialization, UUID departmentId, String departmentName, String qualification,
                             int yearsOfExperience, long feeMinorUnits, String currency) {
            this(specialization, departmentId, departmentName, qualification, yearsOfExperience, feeMinorUnits, currency, "");
        }
    }

    /** A staff account as admins see it (no credential). */
    public record StaffMember(
            UUID id,
            String username,
            String displayName,
            String email,
            Optional<String> phone,
            Role role,
            boolean active,
            boolean passwordChangeRequired,
            Optional<DoctorProfile> doctorProfile,
            OffsetDateTime createdAt,
            Optional<OffsetDateTime> lastSignInAt,
            Optional<OffsetDateTime> lockedUntil) {}

    /** A department / specialty. */
    public record Department(UUID id, String name, boolean retired, int doctorCount) {}

    /** Doctor profile fields as an admin typed them. */
    public record DoctorProfileInput(
            String specialization,
            String departmentId,
            String qualification,
            int yearsOfExperience,
            long feeMinorUnits,
            String currency,
            String registrationNumber) {

        public DoctorProfileInput(String specialization, String departmentId, String qualification, int yearsOfExperience,
                                  long feeMinorUnits, String currency) {
            this(specialization, departmentId, qualification, yearsOfExperience, feeMinorUnits, currency, "");
        }
    }

    /** Everything needed to create an account. */
    public record NewUser(
            Optional<UUID> requestId,
            String username,
            String displayName,
            String email,
            String phone,
            Optional<Role> role,
            Optional<DoctorProfileInput> doctorProfile,
            String initialPassword) {}

    /** The editable fields of an account. */
    public record UserChanges(
            UUID id,
            String displayName,
            String email,
            String phone,
            Optional<Role> role,
            Optional<DoctorProfileInput> doctorProfile) {}

    /** A search over accounts; offset-based paging. */
    public record UserQuery(String text, Optional<Role> role, boolean includeInactive, int limit, int offset) {}

    /** One page of results and how many there are in all. */
    public record Page<T>(List<T> items, int total, int offset) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }
}
