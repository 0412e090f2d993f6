package org.medconnect.server.platform;

/** A setting that cannot be used; its message is the one line shown to whoever starts the server. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
