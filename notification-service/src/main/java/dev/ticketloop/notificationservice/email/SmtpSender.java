package dev.ticketloop.notificationservice.email;

import dev.ticketloop.platform.tracing.TraceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

import dev.ticketloop.notificationservice.content.NotificationRenderer;
import dev.ticketloop.notificationservice.content.NotificationRenderer.Rendered;
import dev.ticketloop.notificationservice.delivery.ChannelSender;
import dev.ticketloop.notificationservice.delivery.DeliveryOutcome;
import dev.ticketloop.notificationservice.delivery.DeliveryOutcome.Failed;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import dev.ticketloop.notificationservice.delivery.Recipient;
import dev.ticketloop.notificationservice.survey.SurveyLinks;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP: multipart text and HTML in the customer's language, a Message-ID
 * derived from the notification (the same on every attempt, so a mail sent twice in the
 * crash window can be recognised as one). The mails of one batch of the delivery
 * processor go over one SMTP connection. SMTP 4xx replies, timeouts and a server that is
 * away are passing failures (retried); 5xx replies and malformed addresses are permanent.
 */
@Component
class SmtpSender implements ChannelSender {

	private static final Logger log = LoggerFactory.getLogger(SmtpSender.class);

	private static final String TRANSPORT = SmtpSender.class.getName() + ".transport";

	/**
	 * Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader, scanning the
	 * class path, each time a body part is created or encoded (a third of the CPU of
	 * sending, measured); named here, it is found at once.
	 */
	static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static {
		if (System.getProperty(STREAM_PROVIDER) == null) {
			System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

	private final JavaMailSenderImpl smtp;

	private final NotificationRenderer renderer;

	private final SurveyLinks surveys;

	private final Clock clock;

	private final InternetAddress from;

	SmtpSender(JavaMailSenderImpl smtp, NotificationRenderer renderer, SurveyLinks surveys, Clock clock,
			@Value("${ticketloop.mail.from}") String from) throws AddressException {
		this.smtp = smtp;
		this.renderer = renderer;
		this.surveys = surveys;
		this.clock = clock;
		this.from = new InternetAddress(from, true);
	}

	@Override
	public boolean reaches(Recipient recipient) {
		return recipient.byEmail();
	}

	@Override
	public DeliveryOutcome send(NotificationRequested request, int attempt) {
		MimeMessage message;
		try {
			message = compose(request);
		}
		catch (AddressException ex) {
			return Failed.permanent("not a valid e-mail address: " + ex.getMessage());
		}
		catch (MessagingException ex) {
			return Failed.permanent("the mail could not be composed: " + ex.getMessage());
		}
		try {
			transmit(message);
			return new DeliveryOutcome.Delivered(message.getMessageID(), this.clock.instant());
		}
		catch (MessagingException ex) {
			return classify(ex);
		}
	}

	/** SMTP reply codes decide: 4xx passing, 5xx permanent; no reply (I/O) passing. */
	static Failed classify(MessagingException ex) {
		for (Exception e = ex; e != null; e = (e instanceof MessagingException m) ? m.getNextException() : null) {
			int code = switch (e) {
				case SMTPAddressFailedException a -> a.getReturnCode();
				case SMTPSenderFailedException s -> s.getReturnCode();
				case SMTPSendFailedException s -> s.getReturnCode();
				default -> -1;
			};
			if (code >= 500) {
				return Failed.permanent("SMTP " + code + " " + oneLine(e.getMessage()));
			}
			if (code >= 400) {
				return Failed.passing("SMTP " + code + " " + oneLine(e.getMessage()));
			}
		}
		if (ex instanceof AuthenticationFailedException) {
			return Failed.passing("SMTP authentication failed (check the credentials): " + oneLine(ex.getMessage()));
		}
		if (ex instanceof SendFailedException send && send.getInvalidAddresses() != null
				&& send.getInvalidAddresses().length > 0) {
			return Failed.permanent("invalid address: " + oneLine(ex.getMessage()));
		}
		return Failed.passing("SMTP server not reachable: " + oneLine(String.valueOf(rootCause(ex))));
	}

	private MimeMessage compose(NotificationRequested request) throws MessagingException {
		Map<String, Object> extras = this.surveys.argumentsFor(request);
		Rendered rendered = this.renderer.render(request, extras);
		String messageId = "<" + digest(request.notificationId()) + "@ticketloop>";
		MimeMessage message = new FixedIdMimeMessage(this.smtp.getSession(), messageId);
		message.setFrom(this.from);
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(request.recipient().address(), true));
		message.setSubject(rendered.subject(), "UTF-8");
		// built by hand: Spring's MimeMessageHelper parses a MIME type file per message
		MimeBodyPart text = new MimeBodyPart();
		text.setText(rendered.text(), "UTF-8", "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(rendered.html(), "UTF-8", "html");
		MimeMultipart alternative = new MimeMultipart("alternative", text, html);
		message.setContent(alternative);
		message.setHeader("Content-Language", rendered.language());
		message.setHeader("X-Ticketloop-Notification", request.notificationId());
		message.setHeader("X-Ticketloop-Ticket", request.ticketId());
		// the W3C trace of what caused the mail: the receiving side can follow it back
		String traceparent = TraceContext.current().orElse(null);
		if (traceparent != null) {
			message.setHeader("Traceparent", traceparent);
		}
		message.setSentDate(Date.from(this.clock.instant()));
		message.saveChanges();
		return message;
	}

	private void transmit(MimeMessage message) throws MessagingException {
		if (!CurrentUnitOfWork.isStarted()) {
			this.smtp.send(message);
			return;
		}
		UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
		Transport transport = batch.getResource(TRANSPORT);
		if (transport == null || !transport.isConnected()) {
			transport = this.smtp.getSession().getTransport(this.smtp.getProtocol());
			transport.connect(this.smtp.getHost(), this.smtp.getPort(), this.smtp.getUsername(),
					this.smtp.getPassword());
			Transport opened = transport;
			batch.resources().put(TRANSPORT, opened);
			batch.onCleanup((u) -> close(opened));
		}
		try {
			transport.sendMessage(message, message.getAllRecipients());
		}
		catch (MessagingException ex) {
			batch.resources().remove(TRANSPORT);
			close(transport);
			throw ex;
		}
	}

	private static void close(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException ex) {
			log.debug("Closing the SMTP connection failed: {}", ex.toString());
		}
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String oneLine(String text) {
		return (text != null) ? text.replaceAll("\\s+", " ").trim() : "";
	}

	static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A message whose Message-ID is ours, not a fresh one per attempt. */
	private static final class FixedIdMimeMessage extends MimeMessage {

		private final String messageId;

		FixedIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
