package org.medconnect.server.bootstrap;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Optional;
import org.medconnect.server.ClinicServices;
import org.medconnect.server.platform.Role;
import org.medconnect.server.staff.StaffModel.NewUser;
import org.medconnect.server.staff.StaffService;

/**
 * What happens when the clinic has no staff yet: either one {@code admin} with a random
 * one-time password printed once (to be changed at first sign-in), or, with --demo, a
 * realistic demo clinic whose passwords are printed.
 */
public final class FirstStart {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final StaffService staff;
    private final ClinicServices services;
    private final PrintStream out;

    public FirstStart(ClinicServices services, PrintStream out) {
        this.staff = services.staff();
        this.services = services;
        this.out = out;
    }

    public void run(boolean demo) {
        if (staff.hasAnyUser()) {
            if (demo) {
                out.println("This clinic already has staff accounts; demo data was not added. "
                        + "Demo accounts, if this is the demo clinic, use the password " + DemoClinic.PASSWORD);
            }
            return;
        }
        if (demo) {
            new DemoClinic(services).seed();
            out.println(DemoClinic.banner());
            return;
        }
        String password = randomPassword();
        staff.createUser(null, new NewUser(Optional.empty(), "admin", "Clinic Administrator", "admin@clinic.invalid", "",
                Optional.of(Role.ADMIN), Optional.empty(), password), true);
        out.println("""
                ------------------------------------------------------------------
                 First start: created the administrator account.
                   username: admin
                   password: %s   (shown only now; you must change it at first sign-in)
                ------------------------------------------------------------------""".formatted(password));
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
