package org.medconnect.server;

import java.util.List;
import java.util.Map;

/** Lets tests in feature packages run the administrator's command line without System.exit. */
public final class AdminCommandAccess {

    private AdminCommandAccess() {}

    /** The command's exit code for these arguments, with an empty environment. */
    public static int run(String... args) {
        return AdminCommand.run(List.of(args), Map.of());
    }
}
