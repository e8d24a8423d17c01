package dev.ticketloop.deploy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ticketloop.infra.embedded.EmbeddedSmtp;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20: {@code bin/run} prints every mail its SMTP server receives exactly once, with
 * its recipient, whatever order the server keeps them in (per mailbox, not by arrival):
 * mails to several customers, interleaved.
 */
class MailPrinterTests {

	private static final Pattern PRINTED = Pattern.compile("--- mail to (\\S+): (.+)");

	@Test
	void every_mail_to_several_recipients_is_printed_once_with_its_recipient() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		List<String> sent = new ArrayList<>();
		try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0);
				MailPrinter printer = MailPrinter.start(smtp, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
			Properties properties = new Properties();
			properties.put("mail.smtp.host", smtp.host());
			properties.put("mail.smtp.port", String.valueOf(smtp.port()));
			Session session = Session.getInstance(properties);
			for (int round = 0; round < 4; round++) {
				for (String customer : List.of("bob1", "alice1", "carol1")) {
					String subject = "Mail " + round + " to " + customer;
					MimeMessage mail = new MimeMessage(session);
					mail.setFrom(new InternetAddress("support@ticketloop.local"));
					mail.setRecipient(Message.RecipientType.TO, new InternetAddress(customer + "@example.com"));
					mail.setSubject(subject);
					mail.setText("Hello " + customer + ", this is mail " + round + ".");
					Transport.send(mail);
					sent.add(customer + "@example.com: " + subject);
				}
				// the printer looks between the rounds: each round's mails join their
				// mailboxes, ahead of mails printed before (the server's order)
				int expected = sent.size();
				await().atMost(Duration.ofSeconds(10)).until(() -> lines(printed).size() >= expected);
			}
			Thread.sleep(1_000);
		}
		assertThat(lines(printed)).containsExactlyInAnyOrderElementsOf(sent);
	}

	private static List<String> lines(ByteArrayOutputStream printed) {
		List<String> lines = new ArrayList<>();
		Matcher m = PRINTED.matcher(printed.toString(StandardCharsets.UTF_8));
		while (m.find()) {
			lines.add(m.group(1) + ": " + m.group(2));
		}
		return lines;
	}

}
