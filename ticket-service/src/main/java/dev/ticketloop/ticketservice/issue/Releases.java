package dev.ticketloop.ticketservice.issue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.ticketloop.ticketservice.issue.IssueCommand.ReleaseFix;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A release from engineering, however it arrives ({@code POST /releases} or the releases
 * topic): every fixed issue we know is released, which starts its fan-out to the linked
 * tickets. Each key is answered on its own: a key that is no issue key (a typo, blank,
 * null) is {@code invalid-key} and the others are released all the same, since a release
 * that names many issues must not lose them over one (and a record on the topic must not
 * be retried forever over it). Idempotent: an issue released before stays as it is, so
 * engineering sends the release again with the key corrected.
 */
@Component
public class Releases {

	private static final Logger log = LoggerFactory.getLogger(Releases.class);

	private final CommandGateway commands;

	Releases(CommandGateway commands) {
		this.commands = commands;
	}

	public Outcome apply(Release release) {
		List<IssueOutcome> issues = new ArrayList<>();
		for (String key : new LinkedHashSet<>(release.fixedIssues())) {
			Optional<IssueKey> issue = issueKey(key);
			if (issue.isEmpty()) {
				log.warn("Release {} ({}) names {}, which is not an issue key: the other issues are released",
						release.version(), release.releaseId(), key);
				issues.add(new IssueOutcome(key, Result.INVALID_KEY));
				continue;
			}
			issues.add(new IssueOutcome(key, release(issue.get(), release)));
		}
		return new Outcome(release.releaseId(), release.version(), List.copyOf(issues));
	}

	private static Optional<IssueKey> issueKey(String key) {
		if (key == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(IssueKey.of(key));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private Result release(IssueKey key, Release release) {
		try {
			boolean released = this.commands
				.sendAndWait(new ReleaseFix(key, release.releaseId(), release.version(), release.by()));
			return released ? Result.RELEASED : Result.ALREADY_RELEASED;
		}
		catch (AggregateNotFoundException ex) {
			log.info("Release {} fixes {}, which no ticket was escalated to", release.version(), key);
			return Result.UNKNOWN;
		}
		catch (IllegalIssueTransitionException ex) {
			log.warn("Release {} fixes {}, which engineering had declined to fix: left declined", release.version(),
					key);
			return Result.DECLINED;
		}
	}

	/**
	 * A release.
	 *
	 * @param releaseId unique per release (engineering's id, or derived from the version)
	 * @param by who reported it (the API client or the topic)
	 */
	public record Release(String releaseId, String version, List<String> fixedIssues, String by) {

		public Release {
			fixedIssues = (fixedIssues != null) ? fixedIssues : List.of();
		}

	}

	public record Outcome(String releaseId, String version, List<IssueOutcome> issues) {
	}

	public record IssueOutcome(String issueKey, Result outcome) {
	}

	public enum Result {

		/** The issue is released now; its tickets are being told. */
		RELEASED,
		/** It was released before; nothing changed. */
		ALREADY_RELEASED,
		/** No ticket was ever escalated to it. */
		UNKNOWN,
		/** Engineering had declined to fix it; it stays declined. */
		DECLINED,
		/** Not an issue key at all (a typo, blank, null); the others are released. */
		INVALID_KEY;

		@com.fasterxml.jackson.annotation.JsonValue
		public String wireName() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
