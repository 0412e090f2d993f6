package org.medconnect.server.auth;

/** Sends a plain-text email to a staff member (the SMTP sender of notification/ when a mail server is configured). */
@FunctionalInterface
public interface StaffMailer {
    void send(String to, String subject, String body) throws Exception;
}
