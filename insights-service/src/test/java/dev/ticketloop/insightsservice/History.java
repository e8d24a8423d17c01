package dev.ticketloop.insightsservice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.engineering.IssueConfirmedV1;
import dev.ticketloop.contracts.engineering.IssueFixDeclinedV1;
import dev.ticketloop.contracts.engineering.IssueFixScheduledV1;
import dev.ticketloop.contracts.engineering.IssueReleasedV1;
import dev.ticketloop.contracts.engineering.IssueReportedV1;
import dev.ticketloop.contracts.engineering.IssueTicketLinkedV1;
import dev.ticketloop.contracts.routing.SlaBreachedV1;
import dev.ticketloop.contracts.routing.SlaTargetMetV1;
import dev.ticketloop.contracts.routing.TriageDecidedV1;
import dev.ticketloop.contracts.ticket.AgentRepliedV1;
import dev.ticketloop.contracts.ticket.ClarificationRequestedV1;
import dev.ticketloop.contracts.ticket.CustomerMessageReceivedV1;
import dev.ticketloop.contracts.ticket.TicketAssignedV1;
import dev.ticketloop.contracts.ticket.TicketClosedV1;
import dev.ticketloop.contracts.ticket.TicketEscalatedV1;
import dev.ticketloop.contracts.ticket.TicketFixScheduledV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketRatedV1;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;
import dev.ticketloop.insightsservice.tagging.FeedbackTagger;
import dev.ticketloop.testsupport.LoopFigures;

/**
 * A generated history of tickets as the services publish it (seeded): mixed channels,
 * tiers, platforms, categories and teams; automatic answers, single replies,
 * clarifications, reopenings, escalations with fixes, SLA targets met in time and late,
 * breaches, ratings. And the reports' figures computed from it independently of the
 * service's code: straight over the events, by the definitions of ADR 17.
 */
final class History {

	record Event(String id, IntegrationEvent data) {
	}

	final List<Event> events = new ArrayList<>();

	static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

	static final int DAYS = 5;

	private static final String[] CHANNELS = { "email", "chat", "app", "social" };

	private static final String[] TIERS = { "standard", "vip", null };

	private static final String[] PLATFORMS = { "ios", "android", "web", "windows", null };

	private static final String[] CATEGORIES = { "billing", "export", "login", null };

	private static final String[] TEAMS = { "billing-team", "tech-team" };

	private static final String[] AGENTS = { "ana", "bo", "chen" };

	private static final String[] COMMENTS_EN = { "Fast answer, thank you!", "Waited three days for an answer",
			"The agent was rude", "Still not fixed", "Great service", "Too expensive", "ok" };

	private static final String[] COMMENTS_ES = { "Respuesta rápida, gracias", "Demasiado lento",
			"El agente fue muy amable", "Sigue sin funcionar", "Me cobraron dos veces" };

	private static final String[] MESSAGES_EN = { "Version 4.2.1", "The app crashes again",
			"I still can't find the setting" };

	private static final String[] MESSAGES_ES = { "Versión 4.2.1", "La aplicación se cierra otra vez" };

	/**
	 * The engineering issues tickets are escalated to, and when each was first linked.
	 */
	private final Map<String, Instant> issues = new TreeMap<>();

	static History generate(long seed, int tickets) {
		History history = new History();
		Random random = new Random(seed);
		for (int i = 0; i < tickets; i++) {
			history.ticket(random);
		}
		history.issues();
		return history;
	}

	/**
	 * Every issue reported when its first ticket was linked; then ISS-0 confirmed,
	 * ISS-1's fix scheduled, ISS-2 released, ISS-3 declined (ISS-1 also confirmed after
	 * its fix was scheduled, published late: the latest by time counts).
	 */
	private void issues() {
		this.issues.forEach((key, first) -> {
			add(new IssueReportedV1(key, "Title of " + key, "What fails", "ana", first));
			Instant later = first.plus(Duration.ofDays(1));
			switch (key) {
				case "ISS-0" -> add(new IssueConfirmedV1(key, "eng", later));
				case "ISS-1" -> {
					add(new IssueFixScheduledV1(key, "4.3.0", "eng", later.plusSeconds(60)));
					add(new IssueConfirmedV1(key, "eng", later));
				}
				case "ISS-2" -> {
					add(new IssueFixScheduledV1(key, "4.2.9", "eng", later));
					add(new IssueReleasedV1(key, "rel-1", "4.2.9", 1, later.plusSeconds(3_600)));
				}
				default -> add(new IssueFixDeclinedV1(key, "Works as designed", 1, "eng", later));
			}
		});
	}

	private void ticket(Random random) {
		String ticket = UUID.randomUUID().toString();
		Instant opened = START.plusSeconds(random.nextLong(DAYS * 86_400L));
		String channel = pick(random, CHANNELS);
		String tier = pick(random, TIERS);
		String category = pick(random, CATEGORIES);
		String team = pick(random, TEAMS);
		String policy = "vip".equals(tier) ? "vip" : "standard";
		// customers come back: 250 of them
		TicketOpenedV1 opening = new TicketOpenedV1(ticket, channel, "cust-" + random.nextInt(250), "c@example.com",
				"C", "en", "Subject", "Body", opened, null, tier, pick(random, PLATFORMS),
				random.nextBoolean() ? "4.2." + random.nextInt(3) : null);
		String language = random.nextBoolean() ? "en" : "es";
		TriageDecidedV1 triage = new TriageDecidedV1(ticket, "d-" + ticket, "normal", opened.plusSeconds(3600), policy,
				opened.plusSeconds(1), "triage", tier, language, category, List.of(), team);
		// routing's decision is read before the opening now and then (another topic)
		if (random.nextInt(10) == 0) {
			add(triage);
			add(opening);
		}
		else {
			add(opening);
			add(triage);
		}
		Instant t = opened.plusSeconds(60);
		String agent = pick(random, AGENTS);
		int path = random.nextInt(6);
		if (path == 0) { // answered automatically
			add(new SlaTargetMetV1(ticket, "first_response", policy, true, 5, 3600, t));
			add(new TicketResolvedV1(ticket, "answer", true, t, "agent", "tpl-1", 1, true));
			rateAndClose(random, ticket, language, t.plusSeconds(600));
			return;
		}
		add(new TicketAssignedV1(ticket, agent, t));
		if (random.nextInt(5) == 0) {
			add(new TicketAssignedV1(ticket, pick(random, AGENTS), t.plusSeconds(30)));
		}
		long firstResponse = 60 + random.nextLong(7_200);
		if (path == 5 && random.nextInt(3) == 0) {
			add(new SlaBreachedV1(ticket, "first_response", policy, opened.plusSeconds(3600),
					opened.plusSeconds(3600)));
			return; // still open, breached
		}
		if (60 + firstResponse > 3600) { // the breach comes before the late answer
			add(new SlaBreachedV1(ticket, "first_response", policy, opened.plusSeconds(3600),
					opened.plusSeconds(3600)));
		}
		t = t.plusSeconds(firstResponse);
		add(new AgentRepliedV1(ticket, agent, "reply", t));
		add(new SlaTargetMetV1(ticket, "first_response", policy, 60 + firstResponse <= 3600, 60 + firstResponse, 3600,
				t));
		if (path == 1) { // single reply, now and then with a template
			if (random.nextBoolean()) {
				add(new AgentRepliedV1(ticket, agent, "template reply", t.plusSeconds(1), "tpl-" + random.nextInt(3),
						1));
			}
			add(new TicketResolvedV1(ticket, "done", true, t, "agent"));
			add(new SlaTargetMetV1(ticket, "resolution", policy, true, firstResponse, 86_400, t));
			rateAndClose(random, ticket, language, t.plusSeconds(3_600));
			return;
		}
		if (path == 2 || path == 5) { // clarification, then a second reply
			t = t.plusSeconds(120);
			add(new ClarificationRequestedV1(ticket, "Which version?", t));
			t = t.plusSeconds(900);
			add(new CustomerMessageReceivedV1(ticket, pick(random, language.equals("es") ? MESSAGES_ES : MESSAGES_EN),
					true, t));
			long next = 30 + random.nextLong(4_000);
			t = t.plusSeconds(next);
			add(new AgentRepliedV1(ticket, agent, "reply 2", t));
			add(new SlaTargetMetV1(ticket, "next_response", policy, next <= 1_800, next, 1_800, t));
			add(new TicketResolvedV1(ticket, "done", false, t, "agent"));
			if (random.nextInt(3) == 0) {
				t = t.plusSeconds(3_600);
				add(new TicketReopenedV1(ticket, 1, t, agent, true));
				if (random.nextBoolean()) {
					t = t.plusSeconds(600);
					add(new TicketResolvedV1(ticket, "done again", false, t, "agent"));
					rateAndClose(random, ticket, language, t.plusSeconds(600));
				}
				return;
			}
			rateAndClose(random, ticket, language, t.plusSeconds(600));
			return;
		}
		if (path == 3 || path == 4) { // escalated to engineering
			t = t.plusSeconds(300);
			String issue = "ISS-" + random.nextInt(4);
			add(new TicketEscalatedV1(ticket, issue, true, t));
			add(new IssueTicketLinkedV1(issue, ticket, t));
			this.issues.merge(issue, t, (a, b) -> a.isBefore(b) ? a : b);
			if (path == 4) {
				t = t.plusSeconds(86_400);
				add(new TicketFixScheduledV1(ticket, issue, "4.3.0", t));
				if (random.nextBoolean()) {
					t = t.plusSeconds(86_400);
					add(new TicketResolvedV1(ticket, "fixed in 4.3.0", false, t, "fix-released"));
					rateAndClose(random, ticket, language, t.plusSeconds(600));
				}
			}
		}
	}

	private void rateAndClose(Random random, String ticket, String language, Instant at) {
		if (random.nextInt(3) > 0) {
			int score = 1 + random.nextInt(5);
			String[] comments = language.equals("es") ? COMMENTS_ES : COMMENTS_EN;
			add(new TicketRatedV1(ticket, score, random.nextBoolean() ? pick(random, comments) : null, at));
			if (random.nextInt(6) == 0) { // rated again later: the latest counts
				add(new TicketRatedV1(ticket, 1 + random.nextInt(5), pick(random, comments), at.plusSeconds(60)));
			}
		}
		if (random.nextBoolean()) {
			add(new TicketClosedV1(ticket, "confirmed", at.plusSeconds(120)));
		}
	}

	private void add(IntegrationEvent data) {
		this.events.add(new Event(UUID.randomUUID().toString(), data));
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	// ---- the reports, computed independently (test-support's LoopFigures) ----

	LoopFigures figures() {
		return new LoopFigures(this.events.stream().map(Event::data).toList());
	}

	static String day(Instant at) {
		return LoopFigures.day(at);
	}

	Map<String, Map<String, long[]>> funnelByChannel(String fromDay, String toDay) {
		return figures().funnelByChannel(fromDay, toDay);
	}

	Map<String, long[]> sla(Map<String, List<Long>> times) {
		return figures().sla("0000-01-01", "9999-12-31", times);
	}

	Map<String, long[]> csatByPlatform() {
		return figures().csatByPlatform("0000-01-01", "9999-12-31");
	}

	Map<String, LoopFigures.ExpectedIssue> engineering() {
		return figures().engineering();
	}

	Map<String, Long> questions(String fromDay, String toDay) {
		return figures().questions(fromDay, toDay);
	}

	static long percentile(List<Long> values, double q) {
		return LoopFigures.percentile(values, q);
	}

	/**
	 * The customers' texts of the tickets opened in the period by platform:
	 * "platform|source|sentiment" and "platform|source|sentiment|topic" → texts; tagged
	 * in the ticket's triaged language.
	 */
	Map<String, Long> feedbackByPlatform(String fromDay, String toDay, FeedbackTagger tagger) {
		Map<String, Long> counts = new TreeMap<>();
		for (List<IntegrationEvent> events : figures().byTicket().values()) {
			TicketOpenedV1 opened = LoopFigures.first(events, TicketOpenedV1.class);
			String day = LoopFigures.day(opened.openedAt());
			if (day.compareTo(fromDay) < 0 || day.compareTo(toDay) > 0) {
				continue;
			}
			String platform = LoopFigures.or(opened.platform());
			String language = LoopFigures.first(events, TriageDecidedV1.class).language();
			List<String[]> texts = new ArrayList<>();
			LoopFigures.all(events, TicketRatedV1.class)
				.stream()
				.max(Comparator.comparing(TicketRatedV1::ratedAt))
				.filter((rating) -> rating.comment() != null)
				.ifPresent((rating) -> texts.add(new String[] { "comment", rating.comment() }));
			LoopFigures.all(events, CustomerMessageReceivedV1.class)
				.forEach((message) -> texts.add(new String[] { "message", message.body() }));
			for (String[] text : texts) {
				FeedbackTagger.Tags tags = tagger.tag(text[1], language);
				String cell = platform + "|" + text[0] + "|" + tags.sentiment().wireName();
				counts.merge(cell, 1L, Long::sum);
				(tags.topics().isEmpty() ? List.of("none") : tags.topics())
					.forEach((topic) -> counts.merge(cell + "|" + topic, 1L, Long::sum));
			}
		}
		return counts;
	}

}
