package dev.ticketloop.insightsservice;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

	// ---- the reports, computed independently ----

	static String day(Instant at) {
		return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
	}

	private static String or(String value) {
		return (value == null) ? "unknown" : value;
	}

	/** Per ticket, its events by type, oldest first. */
	private Map<String, List<IntegrationEvent>> byTicket() {
		Map<String, List<IntegrationEvent>> tickets = new LinkedHashMap<>();
		for (Event event : this.events) {
			if (!(event.data() instanceof dev.ticketloop.contracts.TicketIntegrationEvent)) {
				continue;
			}
			tickets
				.computeIfAbsent(((dev.ticketloop.contracts.TicketIntegrationEvent) event.data()).ticketId(),
						(t) -> new ArrayList<>())
				.add(event.data());
		}
		return tickets;
	}

	/**
	 * The funnel by channel: value → step → {reached, left}; plus resolved and single.
	 */
	Map<String, Map<String, long[]>> funnelByChannel(String fromDay, String toDay) {
		Map<String, Map<String, long[]>> rows = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			TicketOpenedV1 opened = first(events, TicketOpenedV1.class);
			String day = day(opened.openedAt());
			if (day.compareTo(fromDay) < 0 || day.compareTo(toDay) > 0) {
				continue;
			}
			List<TicketResolvedV1> resolutions = all(events, TicketResolvedV1.class);
			resolutions.sort(Comparator.comparing(TicketResolvedV1::resolvedAt));
			Instant reopened = all(events, TicketReopenedV1.class).stream()
				.map(TicketReopenedV1::reopenedAt)
				.max(Comparator.naturalOrder())
				.orElse(Instant.MIN);
			boolean closed = !all(events, TicketClosedV1.class).isEmpty();
			TicketResolvedV1 last = resolutions.isEmpty() ? null : resolutions.get(resolutions.size() - 1);
			boolean resolved = closed || (last != null && last.resolvedAt().isAfter(reopened));
			boolean[] reached = { true, resolutions.stream().anyMatch((r) -> Boolean.TRUE.equals(r.automatic())),
					resolved && last != null && last.singleReply(),
					!all(events, ClarificationRequestedV1.class).isEmpty(),
					!all(events, TicketEscalatedV1.class).isEmpty(), !all(events, TicketFixScheduledV1.class).isEmpty(),
					resolutions.stream().anyMatch((r) -> "fix-released".equals(r.cause())), closed };
			String[] steps = { "opened", "answered_automatically", "resolved_with_single_reply", "clarification_asked",
					"escalated", "waiting_for_release", "customer_told", "closed" };
			int furthest = 0;
			for (int s = 0; s < 7; s++) {
				if (reached[s]) {
					furthest = s;
				}
			}
			Map<String, long[]> row = rows.computeIfAbsent(opened.channel(), (c) -> new TreeMap<>());
			for (int s = 0; s < steps.length; s++) {
				long[] figures = row.computeIfAbsent(steps[s], (k) -> new long[2]);
				if (reached[s]) {
					figures[0]++;
				}
				if (s == furthest && resolved) {
					figures[1]++;
				}
			}
			if (resolved) {
				row.computeIfAbsent("resolved", (k) -> new long[2])[0]++;
			}
		}
		return rows;
	}

	/**
	 * SLA per "target|policy|team": within, late, breached and not met since; and the met
	 * working times.
	 */
	Map<String, long[]> sla(Map<String, List<Long>> times) {
		Map<String, long[]> cells = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			String team = or(first(events, TriageDecidedV1.class).team());
			Map<String, IntegrationEvent> lastPerTarget = new HashMap<>();
			for (IntegrationEvent event : events) {
				if (event instanceof SlaTargetMetV1 met) {
					String cell = met.target() + "|" + met.policy() + "|" + team;
					cells.computeIfAbsent(cell, (c) -> new long[3])[met.withinTarget() ? 0 : 1]++;
					times.computeIfAbsent(cell, (c) -> new ArrayList<>()).add(met.elapsedSeconds());
					lastPerTarget.put(met.target(), met);
				}
				else if (event instanceof SlaBreachedV1 breached) {
					lastPerTarget.put(breached.target(), breached);
				}
			}
			lastPerTarget.values().forEach((last) -> {
				if (last instanceof SlaBreachedV1 breached) {
					cells.computeIfAbsent(breached.target() + "|" + breached.policy() + "|" + team,
							(c) -> new long[3])[2]++;
				}
			});
		}
		return cells;
	}

	/** CSAT per "category|platform": the count of each score 1-5 (index 1-5). */
	Map<String, long[]> csatByPlatform() {
		Map<String, long[]> cells = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			List<TicketRatedV1> ratings = all(events, TicketRatedV1.class);
			if (ratings.isEmpty()) {
				continue;
			}
			TicketRatedV1 latest = ratings.stream().max(Comparator.comparing(TicketRatedV1::ratedAt)).orElseThrow();
			String cell = or(first(events, TriageDecidedV1.class).category()) + "|"
					+ or(first(events, TicketOpenedV1.class).platform());
			cells.computeIfAbsent(cell, (c) -> new long[6])[latest.score()]++;
		}
		return cells;
	}

	/** Whether the ticket is resolved now (not reopened since) or closed. */
	private static boolean resolved(List<IntegrationEvent> events) {
		List<TicketResolvedV1> resolutions = all(events, TicketResolvedV1.class);
		Instant reopened = all(events, TicketReopenedV1.class).stream()
			.map(TicketReopenedV1::reopenedAt)
			.max(Comparator.naturalOrder())
			.orElse(Instant.MIN);
		return !all(events, TicketClosedV1.class).isEmpty()
				|| resolutions.stream().anyMatch((r) -> r.resolvedAt().isAfter(reopened));
	}

	/** An issue as the report to engineering should show it. */
	record ExpectedIssue(String key, String title, String state, String version, long linked, long customers, long open,
			long[] scores) {
	}

	/** Every issue, from the issue events and the linked tickets' events. */
	Map<String, ExpectedIssue> engineering() {
		Map<String, List<IntegrationEvent>> tickets = byTicket();
		Map<String, ExpectedIssue> issues = new TreeMap<>();
		for (String key : this.issues.keySet()) {
			String title = null;
			Instant stateAt = Instant.MIN;
			String state = "reported";
			String version = null;
			Instant versionAt = Instant.MIN;
			java.util.Set<String> linked = new java.util.HashSet<>();
			for (Event event : this.events) {
				switch (event.data()) {
					case IssueReportedV1 e when e.issueKey().equals(key) -> title = e.title();
					case IssueTicketLinkedV1 e when e.issueKey().equals(key) -> linked.add(e.ticketId());
					default -> {
					}
				}
				Object[] change = switch (event.data()) {
					case IssueReportedV1 e when e.issueKey().equals(key) ->
						new Object[] { "reported", e.reportedAt(), null };
					case IssueConfirmedV1 e when e.issueKey().equals(key) ->
						new Object[] { "confirmed", e.confirmedAt(), null };
					case IssueFixScheduledV1 e when e.issueKey().equals(key) ->
						new Object[] { "fix-scheduled", e.scheduledAt(), e.targetVersion() };
					case IssueReleasedV1 e when e.issueKey().equals(key) ->
						new Object[] { "released", e.releasedAt(), e.version() };
					case IssueFixDeclinedV1 e when e.issueKey().equals(key) ->
						new Object[] { "declined", e.declinedAt(), null };
					default -> null;
				};
				if (change != null) {
					Instant at = (Instant) change[1];
					if (at.isAfter(stateAt)) {
						stateAt = at;
						state = (String) change[0];
					}
					if (change[2] != null && at.isAfter(versionAt)) {
						versionAt = at;
						version = (String) change[2];
					}
				}
			}
			java.util.Set<String> customers = new java.util.HashSet<>();
			long open = 0;
			long[] scores = new long[6];
			for (String ticket : linked) {
				List<IntegrationEvent> events = tickets.get(ticket);
				customers.add(first(events, TicketOpenedV1.class).customerRef());
				if (!resolved(events)) {
					open++;
				}
				all(events, TicketRatedV1.class).stream()
					.max(Comparator.comparing(TicketRatedV1::ratedAt))
					.ifPresent((rating) -> scores[rating.score()]++);
			}
			issues.put(key,
					new ExpectedIssue(key, title, state, version, linked.size(), customers.size(), open, scores));
		}
		return issues;
	}

	/**
	 * What comes back among the tickets opened from one day to another: "category|x",
	 * "template|x", "issue|x" → tickets; "tickets" → all of them.
	 */
	Map<String, Long> questions(String fromDay, String toDay) {
		Map<String, Long> counts = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			TicketOpenedV1 opened = first(events, TicketOpenedV1.class);
			String day = day(opened.openedAt());
			if (day.compareTo(fromDay) < 0 || day.compareTo(toDay) > 0) {
				continue;
			}
			counts.merge("tickets", 1L, Long::sum);
			counts.merge("category|" + or(first(events, TriageDecidedV1.class).category()), 1L, Long::sum);
			java.util.Set<String> templates = new java.util.TreeSet<>();
			all(events, AgentRepliedV1.class).stream()
				.map(AgentRepliedV1::templateId)
				.filter(java.util.Objects::nonNull)
				.forEach(templates::add);
			all(events, TicketResolvedV1.class).stream()
				.map(TicketResolvedV1::templateId)
				.filter(java.util.Objects::nonNull)
				.forEach(templates::add);
			templates.forEach((template) -> counts.merge("template|" + template, 1L, Long::sum));
			String ticket = opened.ticketId();
			this.events.stream()
				.map(Event::data)
				.filter((data) -> data instanceof IssueTicketLinkedV1 link && link.ticketId().equals(ticket))
				.map((data) -> ((IssueTicketLinkedV1) data).issueKey())
				.distinct()
				.forEach((issue) -> counts.merge("issue|" + issue, 1L, Long::sum));
		}
		return counts;
	}

	/**
	 * The customers' texts of the tickets opened in the period by platform:
	 * "platform|source|sentiment" and "platform|source|sentiment|topic" → texts; tagged
	 * in the ticket's triaged language.
	 */
	Map<String, Long> feedbackByPlatform(String fromDay, String toDay, FeedbackTagger tagger) {
		Map<String, Long> counts = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			TicketOpenedV1 opened = first(events, TicketOpenedV1.class);
			String day = day(opened.openedAt());
			if (day.compareTo(fromDay) < 0 || day.compareTo(toDay) > 0) {
				continue;
			}
			String platform = or(opened.platform());
			String language = first(events, TriageDecidedV1.class).language();
			List<String[]> texts = new ArrayList<>();
			all(events, TicketRatedV1.class).stream()
				.max(Comparator.comparing(TicketRatedV1::ratedAt))
				.filter((rating) -> rating.comment() != null)
				.ifPresent((rating) -> texts.add(new String[] { "comment", rating.comment() }));
			all(events, CustomerMessageReceivedV1.class)
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

	/** The nearest-rank percentile of the values. */
	static long percentile(List<Long> values, double q) {
		List<Long> sorted = values.stream().sorted().toList();
		int rank = (int) Math.max(1, Math.ceil(q * sorted.size()));
		return sorted.get(rank - 1);
	}

	static Duration spread() {
		return Duration.ofDays(DAYS);
	}

	private static <T> T first(List<IntegrationEvent> events, Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
	}

	private static <T> List<T> all(List<IntegrationEvent> events, Class<T> type) {
		return new ArrayList<>(events.stream().filter(type::isInstance).map(type::cast).toList());
	}

}
