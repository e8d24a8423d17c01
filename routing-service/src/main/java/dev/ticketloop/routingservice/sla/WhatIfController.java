package dev.ticketloop.routingservice.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketloop.routingservice.calendar.BusinessCalendar;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaClockStarted;
import dev.ticketloop.routingservice.sla.SlaClockEvent.SlaFactRecorded;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "What if": replays the history of every ticket of a policy (the facts its clocks
 * recorded) under the policy as configured and under a candidate (other targets, another
 * calendar, another warning share or pause rule), and answers the attainment of both,
 * target by target. Reads the whole event store, for operators' analyses.
 */
@RestController
@Tag(name = "SLA", description = "SLA policies on business-hours calendars.")
class WhatIfController {

	private final EventStore eventStore;

	private final SlaPolicies policies;

	private final Clock clock;

	WhatIfController(EventStore eventStore, SlaPolicies policies, Clock clock) {
		this.eventStore = eventStore;
		this.policies = policies;
		this.clock = clock;
	}

	@Operation(summary = "What if a policy were different",
			description = "Replays recent tickets against a proposed policy and says what its attainment would have been.")
	@PostMapping("/sla/what-if")
	WhatIf whatIf(@Valid @RequestBody Candidate candidate) {
		SlaPolicy current = this.policies.named(candidate.policy())
			.orElseThrow(() -> new IllegalArgumentException("policy: no SLA policy " + candidate.policy()));
		SlaPolicy proposed = candidate.applyTo(current, this.policies.calendars());
		List<SlaAttainment.History> histories = histories(candidate);
		Instant now = this.clock.instant();
		return new WhatIf(candidate.policy(), histories.size(), wire(SlaAttainment.of(histories, current, now)),
				wire(SlaAttainment.of(histories, proposed, now)));
	}

	private List<SlaAttainment.History> histories(Candidate candidate) {
		Map<String, Instant> opened = new LinkedHashMap<>();
		Map<String, List<SlaAttainment.Fact>> facts = new LinkedHashMap<>();
		Map<String, String> tickets = new LinkedHashMap<>();
		try (BlockingStream<TrackedEventMessage<?>> stream = this.eventStore.openStream(null)) {
			while (stream.hasNextAvailable()) {
				Object payload = stream.nextAvailable().getPayload();
				if (payload instanceof SlaClockStarted started && started.policy().equals(candidate.policy())
						&& candidate.covers(started.openedAt())) {
					opened.put(started.clockId(), started.openedAt());
					tickets.put(started.clockId(), started.ticketId());
					facts.put(started.clockId(), new ArrayList<>());
				}
				else if (payload instanceof SlaFactRecorded fact && facts.containsKey(fact.clockId())) {
					facts.get(fact.clockId()).add(new SlaAttainment.Fact(fact.fact(), fact.at()));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the history", ex);
		}
		List<SlaAttainment.History> histories = new ArrayList<>();
		opened
			.forEach((clock, at) -> histories.add(new SlaAttainment.History(tickets.get(clock), at, facts.get(clock))));
		return histories;
	}

	private static Map<String, Attainment> wire(Map<SlaTarget, SlaAttainment.Counts> counts) {
		Map<String, Attainment> wire = new LinkedHashMap<>();
		counts.forEach((target, c) -> wire.put(target.wireName(), Attainment.of(c)));
		return wire;
	}

	/**
	 * The policy to try: the named policy with what is given here changed (what is left
	 * out stays as configured).
	 *
	 * @param firstResponse a target as the configuration writes it ({@code 30m},
	 * {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT30M}); likewise the others
	 * @param from only tickets opened from then
	 * @param to only tickets opened before then
	 */
	record Candidate(@NotBlank String policy, String calendar, String firstResponse, String nextResponse,
			String resolution, Double warnAt, Boolean pauseWhileAwaitingRelease, Instant from, Instant to) {

		static final String DURATION_FORMATS = "a duration is written as in the service's configuration, "
				+ "a whole number with a unit (30m, 2h, 1d; units ns, us, ms, s, m, h, d), "
				+ "or in ISO-8601 (PT30M, PT2H, P1D); whole days are business days of the policy's calendar";

		private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+");

		boolean covers(Instant openedAt) {
			return (this.from == null || !openedAt.isBefore(this.from))
					&& (this.to == null || openedAt.isBefore(this.to));
		}

		SlaPolicy applyTo(SlaPolicy current, Map<String, BusinessCalendar> calendars) {
			BusinessCalendar calendar = current.calendar();
			if (this.calendar != null) {
				calendar = calendars.get(this.calendar);
				if (calendar == null) {
					throw new IllegalArgumentException(
							"calendar: no calendar " + this.calendar + " (known: " + calendars.keySet() + ")");
				}
			}
			Map<SlaTarget, Duration> targets = new EnumMap<>(current.targets());
			if (this.firstResponse != null) {
				targets.put(SlaTarget.FIRST_RESPONSE, duration("firstResponse", this.firstResponse));
			}
			if (this.nextResponse != null) {
				targets.put(SlaTarget.NEXT_RESPONSE, duration("nextResponse", this.nextResponse));
			}
			if (this.resolution != null) {
				targets.put(SlaTarget.RESOLUTION, duration("resolution", this.resolution));
			}
			return new SlaPolicy(
					current.name() + " (what if)", Set.of(), Set.of(), calendar, current.priority(), targets,
					(this.warnAt != null) ? this.warnAt : current.warnAt(), (this.pauseWhileAwaitingRelease != null)
							? this.pauseWhileAwaitingRelease : current.pauseWhileAwaitingRelease(),
					current.escalateOnBreach());
		}

		/**
		 * A target as the configuration's binder reads it ({@link DurationStyle}), except
		 * that a number needs its unit: the binder's default of milliseconds is never
		 * what an SLA target means.
		 */
		static Duration duration(String field, String value) {
			String text = value.trim();
			if (BARE_NUMBER.matcher(text).matches()) {
				throw new IllegalArgumentException(field + ": '" + value + "' has no unit; " + DURATION_FORMATS);
			}
			try {
				return DurationStyle.detectAndParse(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(field + ": '" + value + "' is not a duration; " + DURATION_FORMATS);
			}
		}

	}

	record WhatIf(String policy, int tickets, Map<String, Attainment> current, Map<String, Attainment> candidate) {
	}

	/**
	 * A target's counts as answered.
	 *
	 * @param attainment met / (met + missed); null when nothing was met or missed
	 * @param note why the attainment is null, only then
	 */
	record Attainment(int met, int missed, int open, int notMeasured, Double attainment,
			@JsonInclude(JsonInclude.Include.NON_NULL) String note) {

		static Attainment of(SlaAttainment.Counts counts) {
			return new Attainment(counts.met(), counts.missed(), counts.open(), counts.notMeasured(),
					counts.attainment(),
					(counts.attainment() != null) ? null
							: "attainment undefined: no ticket met or missed this target in the period "
									+ "(nothing to attain, not 100 %)");
		}

	}

}
