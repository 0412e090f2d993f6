package org.medconnect.server.notification;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.jooq.DSLContext;
import org.medconnect.server.notification.NotificationModel.ReminderMessage;
import org.medconnect.server.platform.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends reminders as plain-text email through the configured SMTP server (Jakarta Mail / Angus Mail). */
public final class SmtpSender implements ReminderSender {

    private static final Logger log = LoggerFactory.getLogger(SmtpSender.class);
    private static final String TIMEOUT_MS = "15000";

    private final ServerConfig.Smtp smtp;
    private final Session session;

    public SmtpSender(ServerConfig.Smtp smtp) {
        this.smtp = smtp;
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        props.put("mail.smtp.auth", String.valueOf(!smtp.username().isEmpty()));
        props.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
        props.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
        props.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        props.put("mail.smtp.timeout", TIMEOUT_MS);
        props.put("mail.smtp.writetimeout", TIMEOUT_MS);
        this.session = smtp.username().isEmpty() ? Session.getInstance(props) : Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.username(), smtp.password());
            }
        });
    }

    @Override
    public String channel() {
        return "smtp";
    }

    @Override
    public void send(ReminderMessage m, DSLContext tx) throws Unreachable, MessagingException {
        String to = m.email().orElseThrow(() -> new Unreachable("The patient has no email address."));
        try {
            new InternetAddress(to, true);
        } catch (MessagingException e) {
            throw new Unreachable("The patient's email address is not valid.");
        }
        sendPlain(to, m.subject(), m.body());
        log.info("Reminder for appointment {} sent by email", m.reference());
    }

    /** One plain-text email; also used for staff password-reset codes. */
    public void sendPlain(String to, String subject, String body) throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(smtp.from()));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        mail.setSubject(subject, StandardCharsets.UTF_8.name());
        mail.setText(body, StandardCharsets.UTF_8.name());
        mail.setSentDate(new Date());
        Transport.send(mail);
    }

    /** One plain-text email with one attached file (a prescription's PDF). */
    public void sendWithAttachment(String to, String subject, String body, String fileName, byte[] file, String mimeType)
            throws MessagingException {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(smtp.from()));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        mail.setSubject(subject, StandardCharsets.UTF_8.name());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, StandardCharsets.UTF_8.name());
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(file, mimeType)));
        attachment.setFileName(fileName);
        mail.setContent(new MimeMultipart(text, attachment));
        mail.setSentDate(new Date());
        Transport.send(mail);
    }
}
