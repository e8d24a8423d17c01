package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ticketloop.deploy.processes.ServiceProcesses;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

/**
 * Kills service instances ({@code kill -9}) at random moments while a scenario runs, from
 * a seeded random source (the same seed kills at the same moments of the scenario), and
 * now and then pauses the broker instead. A killed instance is started again after a
 * random moment; with a second instance running, first the time the survivor takes to
 * hold all the dead one's work is measured: its processor segments (claims in the token
 * store) and its Kafka partitions (the consumer group).
 */
final class Killer implements AutoCloseable {

	/** One kill (or pause) and what followed. */
	record Kill(String scenario, String target, double atSeconds, boolean survivor, double segmentsTakenOverSeconds,
			double partitionsTakenOverSeconds, double partitionsBackAfterRestartSeconds) {

		/**
		 * Another instance of its service ran on and did not take its work within a
		 * minute.
		 */
		boolean takeoverMissed() {
			return this.survivor
					&& (Double.isNaN(this.segmentsTakenOverSeconds) || Double.isNaN(this.partitionsTakenOverSeconds));
		}

	}

	private final ChaosSystem system;

	private final Random random;

	private final List<Kill> kills = new CopyOnWriteArrayList<>();

	private final List<String> log = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private Thread thread;

	private volatile Throwable failure;

	private Admin admin;

	Killer(ChaosSystem system, Random random) {
		this.system = system;
		this.random = random;
	}

	/**
	 * Starts killing instances of these services, {@code kills} times, every
	 * {@code minGap} to {@code maxGap} (after the instance killed before is back), and
	 * pauses the broker {@code pauses} times among them.
	 */
	void start(String scenario, List<String> services, int kills, int pauses, Duration minGap, Duration maxGap) {
		this.running = true;
		long started = System.nanoTime();
		List<Boolean> plan = new ArrayList<>();
		for (int i = 0; i < kills; i++) {
			plan.add(Boolean.TRUE);
		}
		for (int i = 0; i < pauses; i++) {
			plan.add(1 + this.random.nextInt(plan.size()), Boolean.FALSE);
		}
		long[] gaps = new long[plan.size()];
		String[] targets = new String[plan.size()];
		for (int i = 0; i < plan.size(); i++) {
			gaps[i] = minGap.toMillis() + (long) (this.random.nextDouble() * (maxGap.toMillis() - minGap.toMillis()));
			targets[i] = services.get(this.random.nextInt(services.size()));
		}
		int instancePick = this.random.nextInt(1 << 16);
		this.thread = Thread.ofPlatform().name("chaos-killer").start(() -> {
			try {
				for (int i = 0; i < plan.size() && this.running; i++) {
					sleepWhileRunning(gaps[i]);
					if (!this.running) {
						return;
					}
					double at = (System.nanoTime() - started) / 1e9;
					if (plan.get(i)) {
						killOne(scenario, targets[i], instancePick + i, at);
					}
					else {
						pauseBroker(scenario, at, 2_000 + (gaps[i] % 4_000));
					}
				}
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
		});
	}

	private void killOne(String scenario, String service, int pick, double at) throws Exception {
		ServiceProcesses services = this.system.services();
		List<String> alive = services.instancesOf(service)
			.stream()
			.filter((n) -> services.service(n).isAlive())
			.toList();
		if (alive.isEmpty()) {
			return;
		}
		String victim = alive.get(Math.floorMod(pick, alive.size()));
		ServiceProcesses.Service killed = services.service(victim);
		long pid = killed.process().pid();
		Set<TopicPartition> partitions = Set.of();
		try {
			partitions = assignedPartitions(service);
		}
		catch (Exception ex) {
			// under load: the partitions are then awaited as far as they are known
		}
		long killedAt = System.nanoTime();
		services.kill(victim);
		double segments = Double.NaN;
		double partitionsMoved = Double.NaN;
		if (alive.size() > 1) {
			double[] takeover = awaitTakeover(service, pid,
					ServiceProcesses.clientId(service, ServiceProcesses.instanceNumber(victim)), partitions, killedAt);
			segments = takeover[0];
			partitionsMoved = takeover[1];
		}
		else {
			Thread.sleep(this.random.nextInt(2_000));
		}
		long restarted = System.nanoTime();
		services.restart(victim);
		services.awaitHealthy(victim, Duration.ofMinutes(3));
		long healthy = System.nanoTime();
		double back = (alive.size() > 1) ? Double.NaN : awaitPartitionsBack(service, partitions, healthy);
		this.kills.add(new Kill(scenario, victim, at, alive.size() > 1, segments, partitionsMoved, back));
		this.log.add(String.format("%s: kill -9 %s at %.1f s%s", scenario, victim, at,
				Double.isNaN(segments)
						? String.format(" (restarted, healthy after %.1f s; its partitions back %.1f s after that)",
								(healthy - restarted) / 1e9, back)
						: String.format(" (segments taken over after %.1f s, partitions after %.1f s)", segments,
								partitionsMoved)));
	}

	/**
	 * Seconds from {@code since} (the restarted instance answering its health check)
	 * until every partition the service held before the kill is assigned again (NaN: not
	 * within a minute).
	 */
	private double awaitPartitionsBack(String service, Set<TopicPartition> partitions, long since)
			throws InterruptedException {
		long deadline = since + Duration.ofMinutes(1).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (!partitions.isEmpty() && assignedPartitions(service).containsAll(partitions)) {
					return (System.nanoTime() - since) / 1e9;
				}
			}
			catch (Exception ex) {
				// ask again
			}
			Thread.sleep(100);
		}
		return Double.NaN;
	}

	private void pauseBroker(String scenario, double at, long millis) throws Exception {
		this.system.pauseBroker();
		try {
			Thread.sleep(millis);
		}
		finally {
			this.system.resumeBroker();
		}
		this.kills
			.add(new Kill(scenario, "broker paused " + millis + " ms", at, false, Double.NaN, Double.NaN, Double.NaN));
		this.log.add(String.format("%s: broker paused at %.1f s for %d ms", scenario, at, millis));
	}

	/**
	 * Waits until no segment of the service's processors is held by the dead process and
	 * no member of its consumer group is the dead process's, with every partition it held
	 * assigned again.
	 * @return seconds until the segments, and until the partitions, were taken over (NaN:
	 * not within a minute)
	 */
	private double[] awaitTakeover(String service, long pid, String clientPrefix, Set<TopicPartition> partitions,
			long killedAt) throws Exception {
		double segments = Double.NaN;
		double moved = Double.NaN;
		long deadline = killedAt + Duration.ofMinutes(1).toNanos();
		while (System.nanoTime() < deadline && (Double.isNaN(segments) || Double.isNaN(moved))) {
			double now = (System.nanoTime() - killedAt) / 1e9;
			try {
				if (Double.isNaN(segments) && !holdsSegments(service, pid)) {
					segments = now;
				}
				if (Double.isNaN(moved) && partitionsMoved(service, clientPrefix, partitions)) {
					moved = now;
				}
			}
			catch (Exception ex) {
				// the broker or the store slow to answer under load: ask again
			}
			Thread.sleep(100);
		}
		return new double[] { segments, moved };
	}

	private boolean holdsSegments(String service, long pid) {
		String prefix = pid + "@";
		for (Document token : this.system.database(service).getCollection("trackingtokens").find()) {
			String owner = token.getString("owner");
			if (owner != null && owner.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private Set<TopicPartition> assignedPartitions(String service) throws Exception {
		Set<TopicPartition> assigned = new HashSet<>();
		for (MemberDescription member : group(service).members()) {
			assigned.addAll(member.assignment().topicPartitions());
		}
		return assigned;
	}

	private boolean partitionsMoved(String service, String clientPrefix, Set<TopicPartition> partitions)
			throws Exception {
		Set<TopicPartition> assigned = new HashSet<>();
		for (MemberDescription member : group(service).members()) {
			if (member.clientId().startsWith(clientPrefix + "-")) {
				return false;
			}
			assigned.addAll(member.assignment().topicPartitions());
		}
		return assigned.containsAll(partitions);
	}

	private ConsumerGroupDescription group(String service) throws Exception {
		if (this.admin == null) {
			this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.system.kafka(),
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
					AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"));
		}
		String group = this.system.group(service);
		return this.admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
	}

	private void sleepWhileRunning(long millis) throws InterruptedException {
		long until = System.currentTimeMillis() + millis;
		while (this.running && System.currentTimeMillis() < until) {
			Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
		}
	}

	/**
	 * Waits until every planned kill and pause was done and the instances are back, and
	 * makes sure every instance runs.
	 */
	void finish() throws Exception {
		if (this.thread != null) {
			this.thread.join(Duration.ofMinutes(15));
		}
		stop();
	}

	/**
	 * Stops killing once the kill under way is over (its instance back and healthy), and
	 * makes sure every instance runs.
	 */
	void stop() throws Exception {
		this.running = false;
		if (this.thread != null) {
			this.thread.join(Duration.ofMinutes(5));
		}
		if (this.failure != null) {
			throw new IllegalStateException("The killer failed", this.failure);
		}
		ServiceProcesses services = this.system.services();
		for (String service : ChaosSystem.SERVICES) {
			for (String instance : services.instancesOf(service)) {
				if (!services.service(instance).isAlive()) {
					services.restart(instance);
				}
				services.awaitHealthy(instance, Duration.ofMinutes(3));
			}
		}
	}

	List<Kill> kills() {
		return List.copyOf(this.kills);
	}

	List<String> log() {
		return List.copyOf(this.log);
	}

	@Override
	public void close() throws Exception {
		stop();
		if (this.admin != null) {
			this.admin.close();
		}
	}

}
