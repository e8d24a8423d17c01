package dev.ticketloop.testsupport;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.ticketloop.contracts.IntegrationEvent;
import dev.ticketloop.contracts.TicketIntegrationEvent;
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
import dev.ticketloop.contracts.ticket.TicketClosedV1;
import dev.ticketloop.contracts.ticket.TicketEscalatedV1;
import dev.ticketloop.contracts.ticket.TicketFixScheduledV1;
import dev.ticketloop.contracts.ticket.TicketOpenedV1;
import dev.ticketloop.contracts.ticket.TicketRatedV1;
import dev.ticketloop.contracts.ticket.TicketReopenedV1;
import dev.ticketloop.contracts.ticket.TicketResolvedV1;

/**
 * The loop's numbers computed straight from published events, by the definitions of ADR
 * 17, written apart from insights-service's code: what every report must say about the
 * same events. Events of any order; each event once (drop duplicates by CloudEvents id
 * first).
 */
public final class LoopFigures {

	private final List<IntegrationEvent> events;

	/** An issue's states in the order they can follow one another. */
	private static final List<String> ORDER = List.of("reported", "confirmed", "fix-scheduled", "released", "declined");

	public LoopFigures(List<IntegrationEvent> events) {
		this.events = List.copyOf(events);
	}

	public static String day(Instant at) {
		return at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
	}

	public static String or(String value) {
		return (value == null) ? "unknown" : value;
	}

	/** Per ticket, its events, in the order given. */
	public Map<String, List<IntegrationEvent>> byTicket() {
		Map<String, List<IntegrationEvent>> tickets = new LinkedHashMap<>();
		for (IntegrationEvent event : this.events) {
			if (event instanceof TicketIntegrationEvent ticketEvent) {
				tickets.computeIfAbsent(ticketEvent.ticketId(), (t) -> new ArrayList<>()).add(event);
			}
		}
		return tickets;
	}

	/** Routing's triage of the ticket (a decision made for another reason is not one). */
	private static Optional<TriageDecidedV1> triage(List<IntegrationEvent> events) {
		return all(events, TriageDecidedV1.class).stream()
			.filter((d) -> d.reason() == null || "triage".equals(d.reason()))
			.findFirst();
	}

	private static boolean opened(List<IntegrationEvent> events, String fromDay, String toDay) {
		Optional<TicketOpenedV1> opened = all(events, TicketOpenedV1.class).stream().findFirst();
		if (opened.isEmpty()) {
			return false;
		}
		String day = day(opened.get().openedAt());
		return day.compareTo(fromDay) >= 0 && day.compareTo(toDay) <= 0;
	}

	/**
	 * The funnel by channel: value → step → {reached, left}; plus resolved and single.
	 */
	public Map<String, Map<String, long[]>> funnelByChannel(String fromDay, String toDay) {
		Map<String, Map<String, long[]>> rows = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			if (!opened(events, fromDay, toDay)) {
				continue;
			}
			TicketOpenedV1 opened = first(events, TicketOpenedV1.class);
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
					// told: the loop closed on a release, or on the honest answer that
					// none comes
					resolutions.stream()
						.anyMatch((r) -> "fix-released".equals(r.cause()) || "fix-declined".equals(r.cause())),
					closed };
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
	public Map<String, long[]> sla(String fromDay, String toDay, Map<String, List<Long>> times) {
		Map<String, long[]> cells = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			if (!opened(events, fromDay, toDay)) {
				continue;
			}
			String team = or(triage(events).map(TriageDecidedV1::team).orElse(null));
			Map<String, IntegrationEvent> lastPerTarget = new HashMap<>();
			// the latest outcome of a target is the latest in time, whatever the order
			// read
			List<IntegrationEvent> outcomes = new ArrayList<>(
					events.stream().filter((e) -> e instanceof SlaTargetMetV1 || e instanceof SlaBreachedV1).toList());
			outcomes.sort(Comparator.comparing((IntegrationEvent e) -> (e instanceof SlaTargetMetV1 met) ? met.metAt()
					: ((SlaBreachedV1) e).raisedAt()));
			for (IntegrationEvent event : outcomes) {
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
	public Map<String, long[]> csatByPlatform(String fromDay, String toDay) {
		Map<String, long[]> cells = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			if (!opened(events, fromDay, toDay)) {
				continue;
			}
			List<TicketRatedV1> ratings = all(events, TicketRatedV1.class);
			if (ratings.isEmpty()) {
				continue;
			}
			TicketRatedV1 latest = ratings.stream().max(Comparator.comparing(TicketRatedV1::ratedAt)).orElseThrow();
			String cell = or(triage(events).map(TriageDecidedV1::category).orElse(null)) + "|"
					+ or(first(events, TicketOpenedV1.class).platform());
			cells.computeIfAbsent(cell, (c) -> new long[6])[latest.score()]++;
		}
		return cells;
	}

	/** Whether the ticket is resolved now (not reopened since) or closed. */
	public static boolean resolved(List<IntegrationEvent> events) {
		List<TicketResolvedV1> resolutions = all(events, TicketResolvedV1.class);
		Instant reopened = all(events, TicketReopenedV1.class).stream()
			.map(TicketReopenedV1::reopenedAt)
			.max(Comparator.naturalOrder())
			.orElse(Instant.MIN);
		return !all(events, TicketClosedV1.class).isEmpty()
				|| resolutions.stream().anyMatch((r) -> r.resolvedAt().isAfter(reopened));
	}

	/** An issue as the report to engineering should show it. */
	public record ExpectedIssue(String key, String title, String state, String version, long linked, long customers,
			long open, long[] scores) {
	}

	/** Every issue, from the issue events and the linked tickets' events. */
	public Map<String, ExpectedIssue> engineering() {
		Map<String, List<IntegrationEvent>> tickets = byTicket();
		Map<String, ExpectedIssue> issues = new TreeMap<>();
		java.util.Set<String> keys = new java.util.TreeSet<>();
		for (IntegrationEvent event : this.events) {
			if (event instanceof IssueReportedV1 e) {
				keys.add(e.issueKey());
			}
			else if (event instanceof IssueTicketLinkedV1 e) {
				keys.add(e.issueKey());
			}
		}
		for (String key : keys) {
			String title = null;
			Instant stateAt = Instant.MIN;
			String state = "reported";
			String version = null;
			Instant versionAt = Instant.MIN;
			java.util.Set<String> linked = new java.util.HashSet<>();
			for (IntegrationEvent data : this.events) {
				switch (data) {
					case IssueReportedV1 e when e.issueKey().equals(key) -> title = e.title();
					case IssueTicketLinkedV1 e when e.issueKey().equals(key) -> linked.add(e.ticketId());
					default -> {
					}
				}
				Object[] change = switch (data) {
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
					// the latest; at the same time, the one further along
					if (at.isAfter(stateAt)
							|| (at.equals(stateAt) && ORDER.indexOf((String) change[0]) > ORDER.indexOf(state))) {
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
				List<IntegrationEvent> events = tickets.getOrDefault(ticket, List.of());
				all(events, TicketOpenedV1.class).stream().findFirst().ifPresent((o) -> customers.add(o.customerRef()));
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
	public Map<String, Long> questions(String fromDay, String toDay) {
		Map<String, Long> counts = new TreeMap<>();
		for (List<IntegrationEvent> events : byTicket().values()) {
			if (!opened(events, fromDay, toDay)) {
				continue;
			}
			TicketOpenedV1 opened = first(events, TicketOpenedV1.class);
			counts.merge("tickets", 1L, Long::sum);
			counts.merge("category|" + or(triage(events).map(TriageDecidedV1::category).orElse(null)), 1L, Long::sum);
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
				.filter((data) -> data instanceof IssueTicketLinkedV1 link && link.ticketId().equals(ticket))
				.map((data) -> ((IssueTicketLinkedV1) data).issueKey())
				.distinct()
				.forEach((issue) -> counts.merge("issue|" + issue, 1L, Long::sum));
		}
		return counts;
	}

	/** The nearest-rank percentile of the values. */
	public static long percentile(List<Long> values, double q) {
		List<Long> sorted = values.stream().sorted().toList();
		int rank = (int) Math.max(1, Math.ceil(q * sorted.size()));
		return sorted.get(rank - 1);
	}

	public static <T> T first(List<IntegrationEvent> events, Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
	}

	public static <T> List<T> all(List<IntegrationEvent> events, Class<T> type) {
		return new ArrayList<>(events.stream().filter(type::isInstance).map(type::cast).toList());
	}

}
