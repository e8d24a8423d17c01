package dev.ticketloop.ticketservice.issue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.ticketloop.ticketservice.issue.IssueCommand.LinkTicket;
import dev.ticketloop.ticketservice.ticket.TicketId;
import dev.ticketloop.ticketservice.view.TicketViewProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Finds the tickets that follow an issue but that the issue does not list, and links
 * them: before each fan-out the tickets whose view names the issue are compared with the
 * issue's links. A link could be lost before processors stored their position after their
 * batch's events (ADR 11); this finds such a loss where it matters, when the issue moves
 * on, and repairs it (the ticket then catches up through its link's progress, as a ticket
 * linked late does).
 */
@Component
class LostLinks {

	private static final Logger log = LoggerFactory.getLogger(LostLinks.class);

	private final MongoCollection<Document> views;

	private final CommandGateway commands;

	LostLinks(MongoDatabase database, CommandGateway commands) {
		this.views = database.getCollection(TicketViewProjection.COLLECTION);
		this.commands = commands;
	}

	/**
	 * Links the tickets whose view follows the issue and that it does not list.
	 * @param linked the tickets the issue lists
	 * @return the tickets linked now
	 */
	List<TicketId> repair(IssueKey issue, Collection<TicketId> linked) {
		List<TicketId> repaired = new ArrayList<>();
		for (Document view : this.views.find(Filters.eq("issueKey", issue.value()))
			.projection(Projections.include("_id"))) {
			TicketId ticket = TicketId.of(view.getString("_id"));
			if (!linked.contains(ticket)) {
				this.commands.sendAndWait(new LinkTicket(issue, ticket));
				repaired.add(ticket);
			}
		}
		if (!repaired.isEmpty()) {
			log.warn("Issue {} did not list {} ticket(s) that follow it; linked now: {}", issue, repaired.size(),
					repaired);
		}
		return repaired;
	}

}
