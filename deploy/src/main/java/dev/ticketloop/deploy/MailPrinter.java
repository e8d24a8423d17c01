package dev.ticketloop.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * Prints every mail the local SMTP server receives, once, with its recipients, subject
 * and text. The server's list of received messages is not in arrival order (it is kept
 * per mailbox), so what was printed is remembered per message, not as a position in the
 * list.
 */
final class MailPrinter implements AutoCloseable {

	private final EmbeddedSmtp smtp;

	private final Set<MimeMessage> printed = Collections.newSetFromMap(new IdentityHashMap<>());

	private final ScheduledExecutorService executor;

	private final PrintStream out;

	private MailPrinter(EmbeddedSmtp smtp, PrintStream out) {
		this.smtp = smtp;
		this.out = out;
		this.executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mail-printer").daemon().factory());
	}

	static MailPrinter start(EmbeddedSmtp smtp) {
		return start(smtp, System.out);
	}

	/** Prints to {@code out} every mail the server receives from now on, once. */
	static MailPrinter start(EmbeddedSmtp smtp, PrintStream out) {
		MailPrinter printer = new MailPrinter(smtp, out);
		printer.executor.scheduleWithFixedDelay(printer::printNew, 500, 500, TimeUnit.MILLISECONDS);
		return printer;
	}

	private synchronized void printNew() {
		for (MimeMessage message : this.smtp.receivedMessages()) {
			if (this.printed.add(message)) {
				print(message);
			}
		}
	}

	private void print(MimeMessage message) {
		try {
			this.out.printf("%n--- mail to %s: %s%n%s%n---%n",
					String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
					message.getSubject(), textOf(message.getContent()));
		}
		catch (MessagingException | IOException ex) {
			this.out.println("--- mail received, unreadable: " + ex.getMessage());
		}
	}

	/** The plain-text part of a (multipart) mail. */
	private static String textOf(Object content) throws MessagingException, IOException {
		if (content instanceof String text) {
			return text;
		}
		if (content instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				String text = part.isMimeType("text/plain") ? (String) part.getContent() : textOf(part.getContent());
				if (text != null && !text.isEmpty()) {
					return text;
				}
			}
		}
		return "";
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		printNew();
	}

}
