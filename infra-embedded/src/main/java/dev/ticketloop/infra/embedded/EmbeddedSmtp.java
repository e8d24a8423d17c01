package dev.ticketloop.infra.embedded;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/** GreenMail: a real SMTP server in this JVM that keeps what it receives. */
public final class EmbeddedSmtp implements AutoCloseable {

	private final GreenMail greenMail;

	private EmbeddedSmtp(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	public static EmbeddedSmtp start(int port) {
		GreenMail greenMail = new GreenMail(
				new ServerSetup(FreePorts.orNext(port), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return new EmbeddedSmtp(greenMail);
	}

	public String host() {
		return "127.0.0.1";
	}

	public int port() {
		return this.greenMail.getSmtp().getPort();
	}

	public List<MimeMessage> receivedMessages() {
		return List.of(this.greenMail.getReceivedMessages());
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

}
