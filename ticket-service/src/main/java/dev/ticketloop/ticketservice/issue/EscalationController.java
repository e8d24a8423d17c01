package dev.ticketloop.ticketservice.issue;

import dev.ticketloop.platform.security.ApiClient;
import dev.ticketloop.ticketservice.issue.IssueCommand.DescribeIssue;
import dev.ticketloop.ticketservice.issue.IssueCommand.LinkTicket;
import dev.ticketloop.ticketservice.ticket.TicketCommand.EscalateTicket;
import dev.ticketloop.ticketservice.ticket.TicketId;
import dev.ticketloop.ticketservice.ticket.TicketStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents send a ticket to engineering: as a new issue (reported from the ticket) or
 * linked to a known one. The issue side follows within moments (see {@link IssueLinks}).
 */
@RestController
@Tag(name = "Escalation", description = "Agents take tickets to engineering: a new issue, or one engineering knows.")
class EscalationController {

	private final CommandGateway commands;

	EscalationController(CommandGateway commands) {
		this.commands = commands;
	}

	/** Reports a new engineering issue from this ticket and links the ticket to it. */
	@Operation(summary = "Escalate a ticket as a new issue",
			description = "Reports a new engineering issue from the ticket and links the ticket to it; the ticket then waits for the issue's fix.")
	@ApiResponse(responseCode = "200", description = "The ticket's state and the issue it now follows.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/escalation")
	Escalated escalate(@PathVariable String id, @Valid @RequestBody NewIssue body,
			@AuthenticationPrincipal ApiClient client) {
		TicketId ticket = TicketId.of(id);
		IssueKey key = IssueKey.newKey();
		TicketStatus status = this.commands.sendAndWait(
				new EscalateTicket(ticket, client.name(), key.value(), false, body.title(), body.description(), null));
		return new Escalated(ticket.value(), status.name(), key.value());
	}

	/**
	 * Links the ticket to a known engineering issue. The issue records the link at once
	 * (as {@link IssueLinks} would a moment later): so the same call again repairs a link
	 * the issue lacks, and changes nothing when it has it.
	 */
	@Operation(summary = "Link a ticket to a known issue",
			description = "Links the ticket to an issue engineering already knows; linking again repairs a link the issue lacks.")
	@ApiResponse(responseCode = "200", description = "The ticket's state and the issue it now follows.")
	@ApiResponse(responseCode = "409",
			description = "The ticket's state does not allow this now (the problem's detail says why, `currentStatus` what it is); nothing was changed.")
	@PostMapping("/tickets/{id}/issue-link")
	Escalated link(@PathVariable String id, @Valid @RequestBody KnownIssue body,
			@AuthenticationPrincipal ApiClient client) {
		TicketId ticket = TicketId.of(id);
		IssueKey key = IssueKey.of(body.issueKey());
		try {
			this.commands.sendAndWait(new DescribeIssue(key));
		}
		catch (AggregateNotFoundException ex) {
			throw new IssueNotFoundException(key);
		}
		TicketStatus status = this.commands
			.sendAndWait(new EscalateTicket(ticket, client.name(), key.value(), true, null, null, null));
		this.commands.sendAndWait(new LinkTicket(key, ticket));
		return new Escalated(ticket.value(), status.name(), key.value());
	}

	record NewIssue(@NotBlank @Size(max = 300) String title, @Size(max = 20_000) String description) {
	}

	record KnownIssue(@NotBlank @Size(max = 40) String issueKey) {
	}

	/** The ticket's status after the call and the issue it follows. */
	record Escalated(String ticketId, String status, String issueKey) {
	}

}
