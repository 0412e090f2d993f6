package org.medconnect.server.platform;

/** Turns a bearer token into the signed-in caller, or refuses with {@link DomainException.Unauthenticated}. */
public interface SessionAuthenticator {
    Principal authenticate(String token);
}
