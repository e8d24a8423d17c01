package dev.ticketloop.notificationservice.delivery;

import java.time.Clock;
import java.time.Instant;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.notificationservice.delivery.NotificationCommand.RecordDelivery;
import dev.ticketloop.notificationservice.delivery.NotificationEvent.NotificationRequested;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends requested notifications by e-mail and records their delivery. Runs in its own
 * streaming processor, never during a replay. A send that fails is retried by the
 * processor (it does not advance past the event). What was sent is written to
 * {@code sent_mail} (keyed by notification id) right after the SMTP server accepted it,
 * and checked before sending, so a redelivered request is not sent again. The one window
 * left: a crash after the server accepted the message and before that write sends it a
 * second time (at-least-once).
 * <p>
 * The mails of one batch of the processor go over one SMTP connection, opened for the
 * batch's first mail and closed when the batch ends (a connection per mail costs a TCP
 * and SMTP handshake each).
 */
@Component
@ProcessingGroup(MailDelivery.PROCESSING_GROUP)
class MailDelivery {

	static final String PROCESSING_GROUP = "mail-delivery";

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private static final String TRANSPORT = MailDelivery.class.getName() + ".transport";

	private final JavaMailSender mailSender;

	private final MailComposer composer;

	private final CommandGateway commands;

	private final MongoCollection<Document> sent;

	private final Clock clock;

	private final InternetAddress from;

	MailDelivery(JavaMailSender mailSender, MailComposer composer, CommandGateway commands, MongoDatabase database,
			Clock clock, @Value("${ticketloop.mail.from}") String from) throws MessagingException {
		this.mailSender = mailSender;
		this.composer = composer;
		this.commands = commands;
		this.sent = database.getCollection("sent_mail");
		this.clock = clock;
		this.from = new InternetAddress(from, true);
	}

	@EventHandler
	@DisallowReplay
	void on(NotificationRequested request) throws MessagingException {
		if (!"email".equals(request.recipient().channel())) {
			log.warn("Notification {} is for channel {}, which has no sender yet", request.notificationId(),
					request.recipient().channel());
			return;
		}
		Document alreadySent = this.sent.find(Filters.eq("_id", request.notificationId())).first();
		String messageId;
		Instant deliveredAt;
		if (alreadySent != null) {
			messageId = alreadySent.getString("messageId");
			deliveredAt = alreadySent.getDate("sentAt").toInstant();
		}
		else {
			MimeMessage message = compose(request);
			send(message);
			messageId = message.getMessageID();
			deliveredAt = this.clock.instant();
			remember(request.notificationId(), messageId, deliveredAt);
		}
		this.commands.sendAndWait(new RecordDelivery(request.notificationId(), messageId, deliveredAt));
	}

	private void send(MimeMessage message) throws MessagingException {
		if (!(this.mailSender instanceof JavaMailSenderImpl smtp) || !CurrentUnitOfWork.isStarted()) {
			this.mailSender.send(message);
			return;
		}
		UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
		Transport transport = batch.getResource(TRANSPORT);
		if (transport == null || !transport.isConnected()) {
			transport = smtp.getSession().getTransport(smtp.getProtocol());
			transport.connect(smtp.getHost(), smtp.getPort(), smtp.getUsername(), smtp.getPassword());
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

	private MimeMessage compose(NotificationRequested request) throws MessagingException {
		MailComposer.Mail mail = this.composer.compose(request);
		MimeMessage message = this.mailSender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
		helper.setFrom(this.from);
		helper.setTo(new InternetAddress(request.recipient().address(), true));
		helper.setSubject(mail.subject());
		helper.setText(mail.text(), false);
		message.setHeader("X-Ticketloop-Notification", request.notificationId());
		message.setSentDate(java.util.Date.from(this.clock.instant()));
		message.saveChanges();
		return message;
	}

	private void remember(String notificationId, String messageId, Instant sentAt) {
		try {
			this.sent.insertOne(new Document("_id", notificationId).append("messageId", messageId)
				.append("sentAt", java.util.Date.from(sentAt)));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
	}

}
