package dev.ticketloop.platform.job;

import org.bson.Document;

/**
 * A job as its handler sees it while it runs here: what was asked, where the last run got
 * to, and the way to save progress.
 */
public final class Job {

	private final Document document;

	private final ResumableJobs jobs;

	Job(Document document, ResumableJobs jobs) {
		this.document = document;
		this.jobs = jobs;
	}

	public String id() {
		return this.document.getString("_id");
	}

	String kind() {
		return this.document.getString("kind");
	}

	Document document() {
		return this.document;
	}

	public Document parameters() {
		return this.document.get("parameters", Document.class);
	}

	/** Where the last run got to (as submitted, or as last saved). */
	public Document checkpoint() {
		return this.document.get("checkpoint", Document.class);
	}

	/** The counters as last saved. */
	public Document counters() {
		return this.document.get("counters", Document.class);
	}

	/**
	 * Saves where the job got to, and renews this instance's claim.
	 * @throws LostException when the job was cancelled, this instance stops, or another
	 * instance claimed it: the handler must stop
	 */
	public void checkpoint(Document checkpoint, Document counters) {
		if (!this.jobs.save(id(), checkpoint, counters)) {
			throw new LostException("cancelled, stopping, or claimed elsewhere");
		}
	}

	/** Renews this instance's claim without a new checkpoint (while waiting). */
	public void stillRunning() {
		if (!this.jobs.save(id(), null, null)) {
			throw new LostException("cancelled, stopping, or claimed elsewhere");
		}
	}

	/** The job is no longer this instance's to run. */
	public static final class LostException extends RuntimeException {

		LostException(String message) {
			super(message);
		}

	}

}
