package dev.ticketloop.notificationservice.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on loopback whose replies to {@code RCPT TO} the test scripts per
 * recipient: a permanent refusal (550), or a temporary one (451) for the first {@code n}
 * attempts, then acceptance. What it accepts is recorded. It speaks just the commands
 * Jakarta Mail sends (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
 */
public final class ScriptedSmtpServer implements AutoCloseable {

	private final ServerSocket server;

	private final List<String> accepted = new CopyOnWriteArrayList<>();

	private final ConcurrentHashMap<String, Integer> refuse = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, AtomicInteger> deferrals = new ConcurrentHashMap<>();

	private final Thread acceptor;

	public ScriptedSmtpServer() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = Thread.ofPlatform().daemon().name("scripted-smtp").start(this::serve);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Mail to this address is refused for good (550). */
	public void refuse(String address) {
		this.refuse.put(address.toLowerCase(Locale.ROOT), 550);
	}

	/** Mail to this address is deferred (451) the first {@code times} times. */
	public void defer(String address, int times) {
		this.deferrals.put(address.toLowerCase(Locale.ROOT), new AtomicInteger(times));
	}

	/** The recipients of the mails accepted, one entry per mail. */
	public List<String> accepted() {
		return List.copyOf(this.accepted);
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				Thread.ofPlatform().daemon().start(() -> session(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void session(Socket socket) {
		try (socket;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
			reply(out, "220 scripted ESMTP");
			String recipient = null;
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase(Locale.ROOT);
				if (command.startsWith("EHLO")) {
					reply(out, "250-scripted\r\n250 8BITMIME");
				}
				else if (command.startsWith("HELO") || command.startsWith("MAIL FROM") || command.startsWith("NOOP")) {
					reply(out, "250 OK");
				}
				else if (command.startsWith("RSET")) {
					recipient = null;
					reply(out, "250 OK");
				}
				else if (command.startsWith("RCPT TO")) {
					String address = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase(Locale.ROOT);
					AtomicInteger deferred = this.deferrals.get(address);
					if (this.refuse.containsKey(address)) {
						reply(out, "550 5.1.1 <" + address + ">: mailbox unavailable");
					}
					else if (deferred != null && deferred.getAndDecrement() > 0) {
						reply(out, "451 4.7.1 <" + address + ">: greylisted, try again later");
					}
					else {
						recipient = address;
						reply(out, "250 OK");
					}
				}
				else if (command.equals("DATA")) {
					reply(out, "354 go ahead");
					while ((line = in.readLine()) != null && !line.equals(".")) {
						// the message itself
					}
					this.accepted.add(recipient);
					reply(out, "250 OK queued");
				}
				else if (command.startsWith("QUIT")) {
					reply(out, "221 bye");
					return;
				}
				else {
					reply(out, "502 not implemented");
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static void reply(Writer out, String text) throws IOException {
		out.write(text + "\r\n");
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
