package dev.ticketloop.ticketservice.intake;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.ticketservice.ticket.Channel;
import dev.ticketloop.ticketservice.ticket.ClientEnvironment;
import dev.ticketloop.ticketservice.ticket.Contact;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketId;
import dev.ticketloop.ticketservice.ticket.TicketStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Channel adapters hand in customers' issues here. */
@RestController
@Tag(name = "Intake", description = "Channel adapters open tickets for their channel.")
class IntakeController {

	private final CommandGateway commands;

	/**
	 * How long a retry waits for the first commit of its ticket: longer than the event
	 * store's gap timeout (10 s), after which an attempt that died is given up.
	 */
	static final Duration FIRST_COMMIT_WAIT = Duration.ofSeconds(12);

	private static final Duration COMMIT_POLL = Duration.ofMillis(100);

	private final IdempotencyKeys idempotencyKeys;

	private final EventStore eventStore;

	IntakeController(CommandGateway commands, IdempotencyKeys idempotencyKeys, EventStore eventStore) {
		this.commands = commands;
		this.idempotencyKeys = idempotencyKeys;
		this.eventStore = eventStore;
	}

	/**
	 * Opens a ticket. With an {@code Idempotency-Key} header (1-200 visible characters,
	 * unique per request of this adapter) a retry answers with the same ticket and opens
	 * no second one; the same key with a different request answers 422.
	 */
	@Operation(summary = "Open a ticket",
			description = "Opens a ticket for the adapter's channel. With an `Idempotency-Key` header a retry of the same request answers 201 with the same ticket (and `Idempotent-Replayed: true`) and opens no second one; the answer's status is the ticket's status at creation.")
	@ApiResponse(responseCode = "201",
			description = "The ticket is opened; `Location` names it. A retry with the same `Idempotency-Key` answers the same ticket with `Idempotent-Replayed: true`.")
	@ApiResponse(responseCode = "422",
			description = "The `Idempotency-Key` was used before for a different request; nothing was opened.")
	@ApiResponse(responseCode = "503",
			description = "An earlier attempt with this `Idempotency-Key` is still being stored (`request-in-progress`), or the ticket is being changed by other requests: retry after `Retry-After` seconds.")
	@PostMapping("/tickets")
	ResponseEntity<OpenedTicket> open(@Valid @RequestBody OpenTicketRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@AuthenticationPrincipal ApiClient client) {
		Channel channel = Channel.fromWireName(request.channel());
		if (!client.maySee(channel.wireName())) {
			throw new AccessDeniedException(
					"key of " + client.name() + " cannot open " + channel.wireName() + " tickets");
		}
		// refused before an idempotency key is reserved for it
		Contact contact = new Contact(request.contact().email(), request.contact().name(),
				validTimeZone(request.contact().timeZone()))
			.requireReachableOn(channel);
		TicketId id = TicketId.newId();
		boolean replay = false;
		if (idempotencyKey != null) {
			if (!idempotencyKey.matches("[\\x21-\\x7E]{1,200}")) {
				throw new IllegalArgumentException("Idempotency-Key: 1 to 200 visible ASCII characters");
			}
			IdempotencyKeys.Reservation reservation = this.idempotencyKeys.reserve(client.name(), idempotencyKey,
					request.toString());
			id = reservation.ticketId();
			replay = reservation.replay();
		}
		OpenTicket command = new OpenTicket(id, channel, request.customerRef(), contact,
				Locale.forLanguageTag(request.locale()), request.subject(), request.body(), request.customerTier(),
				new ClientEnvironment(request.platform(), request.productVersion()));
		if (idempotencyKey == null) {
			this.commands.sendAndWait(command);
		}
		else {
			openOnce(command);
		}
		return ResponseEntity.created(URI.create("/tickets/" + id))
			.header("Idempotent-Replayed", String.valueOf(replay))
			.body(new OpenedTicket(id.value(), TicketStatus.NEW.name()));
	}

	/**
	 * Opens the ticket of an idempotency key, or finds it opened by an earlier or a
	 * concurrent attempt of the same request; answers only once the ticket's first commit
	 * is stored, so that every 201 names a ticket that exists. An attempt that died while
	 * writing it (a crash) leaves a claim on the ticket's stream that the store gives up
	 * after its gap timeout; until then this waits, then opens the ticket itself.
	 */
	private void openOnce(OpenTicket command) {
		long deadline = System.nanoTime() + FIRST_COMMIT_WAIT.toNanos();
		while (true) {
			try {
				this.commands.sendAndWait(command);
				return;
			}
			catch (AggregateStreamCreationException ex) {
				if (this.eventStore.lastSequenceNumberFor(command.ticketId().value()).isPresent()) {
					return;
				}
				if (System.nanoTime() > deadline) {
					throw new FirstAttemptInFlightException(command.ticketId());
				}
				try {
					Thread.sleep(COMMIT_POLL);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new FirstAttemptInFlightException(command.ticketId());
				}
			}
		}
	}

	private static String validTimeZone(String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return null;
		}
		try {
			return ZoneId.of(timeZone).getId();
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("contact.timeZone: unknown time zone '" + timeZone
					+ "', expected an IANA id such as Europe/Madrid");
		}
	}

	/**
	 * The first attempt of a request is still writing its ticket, or died doing so less
	 * than the store's gap timeout ago: retry shortly.
	 */
	static class FirstAttemptInFlightException extends RuntimeException {

		FirstAttemptInFlightException(TicketId ticket) {
			super("An earlier attempt of this request is still opening its ticket; retry in a few seconds.");
		}

	}

	/** The answer to an intake: the new ticket's id, to quote in every later call. */
	record OpenedTicket(String ticketId, String status) {
	}

}
