package dev.ticketloop.routingservice.template;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ticketloop.routingservice.template.TemplateCommand.ApproveTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.CreateTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.DraftReleaseTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.RecordAnswerOutcome;
import dev.ticketloop.routingservice.template.TemplateCommand.RejectProposal;
import dev.ticketloop.routingservice.template.TemplateCommand.RestoreTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.ResumeAutoAnswer;
import dev.ticketloop.routingservice.template.TemplateCommand.RetireTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.ReviseTemplate;
import dev.ticketloop.routingservice.template.TemplateCommand.SeedTemplate;
import dev.ticketloop.routingservice.template.TemplateEvent.AnswerOutcomeRecorded;
import dev.ticketloop.routingservice.template.TemplateEvent.AutoAnswerResumed;
import dev.ticketloop.routingservice.template.TemplateEvent.AutoAnswerSuspended;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateApproved;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateProposalRejected;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateProposed;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateRestored;
import dev.ticketloop.routingservice.template.TemplateEvent.TemplateRetired;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One answer template of the library (id {@code template-<id>}): its versions, proposed
 * by agents and approved by leads (only an approved version answers customers), retired
 * and restored; and how well its automatic answers do. Each automatic answer's outcome is
 * counted once per ticket over a window of the last ones; when the share that helped
 * falls under the target precision, with enough outcomes to say so, the template stops
 * answering automatically by itself until a lead resumes it.
 */
@Aggregate
public class AnswerTemplate {

	@AggregateIdentifier
	private String aggregateId;

	private String templateId;

	private final Map<Integer, TemplateContent> versions = new HashMap<>();

	private int latestVersion;

	/** The approved version that answers customers, 0 before the first approval. */
	private int liveVersion;

	private boolean retired;

	private boolean suspended;

	/** The schedules release drafts were made for. */
	private final Set<String> drafts = new HashSet<>();

	/** The last outcomes, oldest first: ticket and whether the answer helped. */
	private final Deque<Map.Entry<String, Boolean>> outcomes = new ArrayDeque<>();

	protected AnswerTemplate() {
		// for Axon
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.ALWAYS)
	public void handle(CreateTemplate command, Clock clock) {
		valid(command.content());
		apply(new TemplateProposed(command.templateId(), 1, command.content(), command.proposedBy(), "agent",
				clock.instant()));
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	public void handle(SeedTemplate command, Clock clock) {
		if (this.templateId != null) {
			return;
		}
		valid(command.content());
		apply(new TemplateProposed(command.templateId(), 1, command.content(), "seed", "seed", clock.instant()));
		apply(new TemplateApproved(command.templateId(), 1, "seed", clock.instant(), command.content()));
	}

	@CommandHandler
	@CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
	public void handle(DraftReleaseTemplate command, Clock clock) {
		valid(command.content());
		if (this.drafts.contains(command.source())
				|| (this.templateId != null && command.content().equals(this.versions.get(this.latestVersion)))) {
			return; // drafted already (a redelivered schedule, the issues read again)
		}
		apply(new TemplateProposed(command.templateId(), this.latestVersion + 1, command.content(), "engineering",
				"release-draft", clock.instant(), command.source()));
	}

	@CommandHandler
	public int handle(ReviseTemplate command, Clock clock) {
		valid(command.content());
		if (command.basedOn() != null && command.basedOn() != this.latestVersion) {
			throw new IllegalTemplateStateException("Template " + this.templateId + " has version " + this.latestVersion
					+ " since version " + command.basedOn() + ": read it and propose again.");
		}
		if (command.content().equals(this.versions.get(this.latestVersion))) {
			return this.latestVersion; // nothing changed
		}
		apply(new TemplateProposed(this.templateId, this.latestVersion + 1, command.content(), command.proposedBy(),
				"agent", clock.instant()));
		return this.latestVersion;
	}

	@CommandHandler
	public void handle(ApproveTemplate command, Clock clock) {
		if (!this.versions.containsKey(command.version())) {
			throw new IllegalTemplateStateException(
					"Template " + this.templateId + " has no version " + command.version() + ".");
		}
		if (this.retired) {
			throw new IllegalTemplateStateException(
					"Template " + this.templateId + " is retired: restore it before approving a version.");
		}
		if (command.version() == this.liveVersion) {
			return; // approved already
		}
		if (command.version() < this.liveVersion) {
			throw new IllegalTemplateStateException("Version " + command.version() + " of template " + this.templateId
					+ " is older than the approved version " + this.liveVersion
					+ ": propose it again as a new version to go back to it.");
		}
		apply(new TemplateApproved(this.templateId, command.version(), command.approvedBy(), clock.instant(),
				this.versions.get(command.version())));
	}

	@CommandHandler
	public void handle(RejectProposal command, Clock clock) {
		if (!this.versions.containsKey(command.version()) || command.version() <= this.liveVersion) {
			throw new IllegalTemplateStateException("Version " + command.version() + " of template " + this.templateId
					+ " is not a proposal waiting for review.");
		}
		apply(new TemplateProposalRejected(this.templateId, command.version(), command.reason(), command.rejectedBy(),
				clock.instant()));
	}

	@CommandHandler
	public void handle(RetireTemplate command, Clock clock) {
		if (this.retired) {
			throw new IllegalTemplateStateException("Template " + this.templateId + " is retired already.");
		}
		apply(new TemplateRetired(this.templateId, command.reason(), command.retiredBy(), clock.instant(),
				this.versions.get(this.latestVersion).issueKey()));
	}

	@CommandHandler
	public void handle(RestoreTemplate command, Clock clock) {
		if (!this.retired) {
			throw new IllegalTemplateStateException("Template " + this.templateId + " is not retired.");
		}
		apply(new TemplateRestored(this.templateId, command.restoredBy(), clock.instant(), this.liveVersion,
				this.versions.get(this.liveVersion)));
	}

	@CommandHandler
	public void handle(RecordAnswerOutcome command, TemplateSettings settings, Clock clock) {
		if (this.outcomes.stream().anyMatch((o) -> o.getKey().equals(command.ticketId()))) {
			return; // counted already (a redelivered outcome)
		}
		// the window's last outcomes with this one
		List<Boolean> window = new ArrayList<>(this.outcomes.stream().map(Map.Entry::getValue).toList());
		window.add(command.helped());
		window = window.subList(Math.max(0, window.size() - settings.outcomeWindow()), window.size());
		int counted = window.size();
		long helped = window.stream().filter(Boolean::booleanValue).count();
		double precision = Math.round(helped * 10000.0 / counted) / 10000.0;
		apply(new AnswerOutcomeRecorded(this.templateId, command.ticketId(), command.version(), command.helped(),
				command.signal(), counted, precision, clock.instant()));
		if (!this.suspended && counted >= settings.minOutcomes() && precision < settings.targetPrecision()) {
			apply(new AutoAnswerSuspended(this.templateId, precision, counted, settings.targetPrecision(),
					clock.instant()));
		}
	}

	@CommandHandler
	public void handle(ResumeAutoAnswer command, Clock clock) {
		if (!this.suspended) {
			throw new IllegalTemplateStateException(
					"Template " + this.templateId + " answers automatically already (it is not suspended).");
		}
		apply(new AutoAnswerResumed(this.templateId, command.resumedBy(), clock.instant()));
	}

	private static void valid(TemplateContent content) {
		List<String> faults = content.faults();
		if (!faults.isEmpty()) {
			throw new InvalidTemplateException(faults);
		}
	}

	@EventSourcingHandler
	void on(TemplateProposed event) {
		this.templateId = event.templateId();
		this.aggregateId = TemplateCommand.aggregateIdOf(event.templateId());
		this.versions.put(event.version(), event.content());
		this.latestVersion = Math.max(this.latestVersion, event.version());
		if (event.source() != null) {
			this.drafts.add(event.source());
		}
	}

	@EventSourcingHandler
	void on(TemplateApproved event) {
		this.liveVersion = event.version();
	}

	@EventSourcingHandler
	void on(TemplateRetired event) {
		this.retired = true;
	}

	@EventSourcingHandler
	void on(TemplateRestored event) {
		this.retired = false;
	}

	@EventSourcingHandler
	void on(AnswerOutcomeRecorded event) {
		this.outcomes.addLast(Map.entry(event.ticketId(), event.helped()));
		while (this.outcomes.size() > Math.max(1, event.outcomes())) {
			this.outcomes.removeFirst();
		}
	}

	@EventSourcingHandler
	void on(AutoAnswerSuspended event) {
		this.suspended = true;
	}

	@EventSourcingHandler
	void on(AutoAnswerResumed event) {
		this.suspended = false;
		this.outcomes.clear(); // counted anew from here
	}

}
