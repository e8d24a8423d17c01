package dev.ticketloop.platform.job;

/**
 * Does the jobs of one kind. {@link #run} starts from the job's checkpoint, calls
 * {@link Job#checkpoint} as it goes (at least every few seconds: it renews the claim),
 * and returns when the job is done. An exception makes the job retry later from its last
 * checkpoint; {@link ResumableJobs.JobFailedException} ends it as failed.
 */
public interface JobHandler {

	String kind();

	void run(Job job) throws Exception;

}
