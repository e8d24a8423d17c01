package dev.ticketloop.ticketservice.lifecycle;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.contracts.ticket.CsatScore;
import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.ticketservice.ticket.TicketCommand.AddCustomerMessage;
import dev.ticketloop.ticketservice.ticket.TicketCommand.AssignTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseReason;
import dev.ticketloop.ticketservice.ticket.TicketCommand.CloseTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.MergeTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RateTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReopenTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ReplyToCustomer;
import dev.ticketloop.ticketservice.ticket.TicketCommand.RequestClarification;
import dev.ticketloop.ticketservice.ticket.TicketCommand.ResolveTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand;
import dev.ticketloop.ticketservice.ticket.TemplateUse;
import dev.ticketloop.ticketservice.ticket.TicketId;
import dev.ticketloop.ticketservice.ticket.TicketNotVisibleException;
import dev.ticketloop.ticketservice.ticket.TicketStatus;
import dev.ticketloop.ticketservice.view.TicketViewProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What agents and channel adapters do with a ticket after intake. Each call answers with
 * the ticket's status after it; a call the ticket's state does not allow answers 409.
 */
@RestController
@Tag(name = "Ticket lifecycle",
		description = "What agents, adapters and operators do to a ticket, each step an event in its history.")
class TicketLifecycleController {

	private final CommandGateway commands;

	private final MongoCollection<Document> views;

	TicketLifecycleController(CommandGateway commands, MongoDatabase database) {
		this.commands = commands;
		this.views = database.getCollection(TicketViewProjection.COLLECTION);
	}

	/** An agent or operator gives the ticket to an agent. */
	@Operation(summary = "Assign a ticket", description = "Assigns the ticket to an agent (or moves it to another).")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/assignment")
	TicketState assign(@PathVariable String id, @Valid @RequestBody Assignment body) {
		return send(new AssignTicket(TicketId.of(id), body.agent()));
	}

	/** The assigned agent asks the customer for more information. */
	@Operation(summary = "Ask the customer for clarification",
			description = "Sends the customer a question; the SLA clock pauses until they answer, reminders and auto-close follow if they do not.")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/clarification-requests")
	TicketState askForClarification(@PathVariable String id, @Valid @RequestBody Question body,
			@AuthenticationPrincipal ApiClient client) {
		return send(new RequestClarification(TicketId.of(id), client.name(), body.question()));
	}

	/** A channel adapter hands in what the customer wrote. */
	@Operation(summary = "Add the customer's message",
			description = "A message from the customer through the adapter's channel (an answer to a clarification resumes the clock).")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/messages")
	TicketState addCustomerMessage(@PathVariable String id, @Valid @RequestBody Message body,
			@AuthenticationPrincipal ApiClient client) {
		return send(new AddCustomerMessage(TicketId.of(id), client.boundChannel().orElse(null), body.body()));
	}

	/** An agent answers the customer. */
	@Operation(summary = "Reply to the customer",
			description = "The agent's reply, sent to the customer in their channel. With `templateId` (and "
					+ "`templateVersion`) the reply is recorded as written with that answer template, edited or not "
					+ "(routing-service's `GET /tickets/{id}/templates/{templateId}` renders it in the customer's "
					+ "language).")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/replies")
	TicketState reply(@PathVariable String id, @Valid @RequestBody Reply body,
			@AuthenticationPrincipal ApiClient client) {
		return send(new ReplyToCustomer(TicketId.of(id), client.name(), body.body(),
				templateUse(body.templateId(), body.templateVersion())));
	}

	/** An agent resolves the ticket. */
	@Operation(summary = "Resolve a ticket",
			description = "Marks the ticket resolved with a resolution note; the customer is told and may rate it. "
					+ "With `templateId` (and `templateVersion`) the resolution is recorded as written with that "
					+ "answer template.")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/resolution")
	TicketState resolve(@PathVariable String id, @Valid @RequestBody Resolution body,
			@AuthenticationPrincipal ApiClient client) {
		return send(new ResolveTicket(TicketId.of(id), client.name(), body.resolution(),
				templateUse(body.templateId(), body.templateVersion())));
	}

	/** The customer (through the adapter) or an agent reopens a resolved ticket. */
	@Operation(summary = "Reopen a ticket", description = "Reopens a resolved ticket with a reason.")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/reopening")
	TicketState reopen(@PathVariable String id, @Valid @RequestBody Reason body,
			@AuthenticationPrincipal ApiClient client) {
		return send(new ReopenTicket(TicketId.of(id), client.boundChannel().orElse(null), body.reason()));
	}

	/** The customer rates the answer, once. */
	@Operation(summary = "Rate a ticket",
			description = "The customer's satisfaction rating (1-5) of a resolved ticket, through the adapter.")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/rating")
	TicketState rate(@PathVariable String id, @Valid @RequestBody Rating body,
			@AuthenticationPrincipal ApiClient client) {
		return send(new RateTicket(TicketId.of(id), client.boundChannel().orElse(null), body.score(), body.comment()));
	}

	/**
	 * Closes a resolved ticket: an adapter because the customer confirmed, an agent or
	 * operator by hand.
	 */
	@Operation(summary = "Close a ticket", description = "Closes a resolved ticket.")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/closure")
	TicketState close(@PathVariable String id, @AuthenticationPrincipal ApiClient client) {
		CloseReason reason = (client.role() == ApiClient.Role.ADAPTER) ? CloseReason.CONFIRMED : CloseReason.MANUAL;
		return send(new CloseTicket(TicketId.of(id), client.boundChannel().orElse(null), reason));
	}

	/**
	 * Merges this ticket as a duplicate into another one: it follows the survivor's
	 * engineering issue, and its customer is told when that fix ships.
	 */
	@Operation(summary = "Merge a ticket into another",
			description = "Closes this ticket as a duplicate of another; its customer follows the other ticket.")
	@ApiResponse(responseCode = "200", description = "The ticket's state after the step.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/merge")
	TicketState merge(@PathVariable String id, @Valid @RequestBody Merge body,
			@AuthenticationPrincipal ApiClient client) {
		TicketId survivor = TicketId.of(body.survivingTicketId());
		if (this.views.find(Filters.eq("_id", survivor.value())).first() == null) {
			throw new TicketNotVisibleException(survivor);
		}
		return send(new MergeTicket(TicketId.of(id), survivor, client.name()));
	}

	private TicketState send(TicketCommand command) {
		TicketStatus status = this.commands.sendAndWait(command);
		return new TicketState(command.ticketId().value(), status.name());
	}

	/** The ticket's status after the call. */
	record TicketState(String ticketId, String status) {
	}

	record Assignment(@NotBlank @Size(max = 100) String agent) {
	}

	record Question(@NotBlank @Size(max = 5_000) String question) {
	}

	private static TemplateUse templateUse(String templateId, Integer templateVersion) {
		if (templateId == null) {
			if (templateVersion != null) {
				throw new IllegalArgumentException("templateVersion: only with templateId");
			}
			return null;
		}
		return new TemplateUse(templateId, templateVersion, false);
	}

	record Message(@NotBlank @Size(max = 20_000) String body) {
	}

	/**
	 * @param templateId the answer template the reply was written with, if any
	 */
	record Reply(@NotBlank @Size(max = 20_000) String body,
			@Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String templateId, @Min(1) Integer templateVersion) {
	}

	record Resolution(@NotBlank @Size(max = 5_000) String resolution,
			@Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String templateId, @Min(1) Integer templateVersion) {
	}

	record Reason(@Size(max = 2_000) String reason) {
	}

	record Merge(@NotBlank String survivingTicketId) {
	}

	record Rating(@Min(CsatScore.MIN) @Max(CsatScore.MAX) int score, @Size(max = 2_000) String comment) {
	}

}
