package org.medconnect.server.platform;

/**
 * Sensitive operations (staff role changes, password resets; later break-the-glass, backups, restores,
 * exports) call {@link #require} first: it passes when the caller verified a second-factor code on this
 * session within the last few minutes, and otherwise refuses with FAILED_PRECONDITION, reason
 * {@code STEP_UP_REQUIRED}, which the workstation answers by asking for a code (AuthService.StepUp).
 */
@FunctionalInterface
public interface StepUp {

    String REASON = "STEP_UP_REQUIRED";

    /** @param action what the caller is doing, for the message ("change a staff member's role") */
    void require(Principal actor, String action);

    /** For tools and tests that run without sessions. */
    StepUp NOT_REQUIRED = (actor, action) -> { };
}
