package org.medconnect.server.platform;

import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;

/** Reads which database rule a failed statement broke, so services can answer in words. */
public final class Constraints {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String EXCLUSION_VIOLATION = "23P01";

    private Constraints() {}

    /** The constraint (or unique index) name when {@code e} broke one with {@code sqlState}. */
    public static Optional<String> violated(DataAccessException e, String sqlState) {
        PSQLException pg = e.getCause(PSQLException.class);
        if (pg == null || !sqlState.equals(pg.getSQLState()) || pg.getServerErrorMessage() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(pg.getServerErrorMessage().getConstraint());
    }
}
