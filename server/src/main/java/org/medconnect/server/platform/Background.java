package org.medconnect.server.platform;

/**
 * Work that runs beside the RPCs (event fan-out, inbox push, reminder sending), started and
 * stopped with the server. Features implement it; the wiring class starts them in order and
 * stops them newest first.
 */
public interface Background {
    void start();

    void stop();
}
