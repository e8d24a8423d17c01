package dev.ticketloop.routingservice.sla;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * SLA attainment of tickets under a policy, computed from their clocks' facts alone (a
 * pure fold of {@link SlaClockState}): the attainment as it is, or as it would have been
 * under another policy.
 */
public final class SlaAttainment {

	private SlaAttainment() {
	}

	/** One ticket's clock: when it started and what happened to it, in order. */
	public record History(String ticketId, Instant openedAt, List<Fact> facts) {
	}

	public record Fact(ClockFact fact, Instant at) {
	}

	/**
	 * @param met met within the target
	 * @param missed met late, still open and overdue, or ended unmet after its time ran
	 * out
	 * @param open still running within the target
	 * @param notMeasured ended (closed, merged) unmet while still within its time
	 * @param attainment met / (met + missed); null when nothing was met or missed, as
	 * there is nothing to attain (not a perfect score)
	 */
	public record Counts(int met, int missed, int open, int notMeasured, Double attainment) {

		Counts(int met, int missed, int open, int notMeasured) {
			this(met, missed, open, notMeasured, (met + missed == 0) ? null : (double) met / (met + missed));
		}

	}

	public static Map<SlaTarget, Counts> of(List<History> histories, SlaPolicy policy, Instant now) {
		Map<SlaTarget, int[]> counts = new EnumMap<>(SlaTarget.class);
		for (SlaTarget target : policy.targets().keySet()) {
			counts.put(target, new int[4]);
		}
		for (History history : histories) {
			SlaClockState state = SlaClockState.start(policy, history.openedAt());
			for (Fact fact : history.facts()) {
				SlaClockState.Step step = state.apply(fact.fact(), fact.at(), policy);
				for (SlaClockState.Met met : step.met()) {
					counts.get(met.target())[met.withinTarget() ? 0 : 1]++;
				}
				state = step.state();
			}
			for (SlaClockState.Target t : state.targets().values()) {
				if (t.active()) {
					boolean overdue = t.elapsedAt(policy.calendar(), now).compareTo(t.limit()) > 0;
					counts.get(t.target())[overdue ? 1 : 2]++;
				}
				else if (t.phase() == SlaClockState.Phase.STOPPED) {
					// ended unmet: missed if its time had run out by then
					counts.get(t.target())[(t.elapsed().compareTo(t.limit()) > 0) ? 1 : 3]++;
				}
			}
		}
		Map<SlaTarget, Counts> result = new EnumMap<>(SlaTarget.class);
		counts.forEach((target, c) -> result.put(target, new Counts(c[0], c[1], c[2], c[3])));
		return result;
	}

}
