package dev.ticketloop.ticketservice.intake;

import java.net.URI;
import java.util.Locale;

import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.ticketservice.ticket.Channel;
import dev.ticketloop.ticketservice.ticket.Contact;
import dev.ticketloop.ticketservice.ticket.TicketCommand.OpenTicket;
import dev.ticketloop.ticketservice.ticket.TicketId;
import dev.ticketloop.ticketservice.ticket.TicketStatus;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Channel adapters hand in customers' issues here. */
@RestController
class IntakeController {

	private final CommandGateway commands;

	IntakeController(CommandGateway commands) {
		this.commands = commands;
	}

	@PostMapping("/tickets")
	ResponseEntity<OpenedTicket> open(@Valid @RequestBody OpenTicketRequest request,
			@AuthenticationPrincipal ApiClient client) {
		Channel channel = Channel.fromWireName(request.channel());
		if (!client.maySee(channel.wireName())) {
			throw new AccessDeniedException(
					"key of " + client.name() + " cannot open " + channel.wireName() + " tickets");
		}
		if (channel == Channel.EMAIL && (request.contact().email() == null || request.contact().email().isBlank())) {
			throw new IllegalArgumentException("contact.email: required for tickets from the email channel");
		}
		TicketId id = TicketId.newId();
		this.commands.sendAndWait(new OpenTicket(id, channel, request.customerRef(),
				new Contact(request.contact().email(), request.contact().name()),
				Locale.forLanguageTag(request.locale()), request.subject(), request.body()));
		return ResponseEntity.created(URI.create("/tickets/" + id))
			.body(new OpenedTicket(id.value(), TicketStatus.NEW.name()));
	}

	/** The answer to an intake: the new ticket's id, to quote in every later call. */
	record OpenedTicket(String ticketId, String status) {
	}

}
