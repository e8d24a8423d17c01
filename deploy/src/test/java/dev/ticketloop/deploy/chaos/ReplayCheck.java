package dev.ticketloop.deploy.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.ticketloop.deploy.processes.ServiceProcesses;
import org.bson.Document;

/**
 * After the chaos, ticket-service's read models must be what its events say: its
 * instances are stopped, the ticket and issue views and their processors' positions are
 * removed, the service is started again and rebuilds them from the event store; every
 * document must come back equal.
 */
final class ReplayCheck {

	static final String SCENARIO = "read models";

	private static final Map<String, String> VIEWS = Map.of("ticket_views", "ticket-view", "issue_views", "issue-view");

	private ReplayCheck() {
	}

	static void run(Run run) throws Exception {
		ServiceProcesses services = run.system.services();
		List<String> instances = services.instancesOf(ServiceProcesses.TICKET);
		for (String instance : instances) {
			services.stop(instance);
		}
		MongoDatabase database = run.system.database(ServiceProcesses.TICKET);
		Map<String, Map<String, Document>> before = new HashMap<>();
		for (String view : VIEWS.keySet()) {
			before.put(view, documents(database, view));
			database.getCollection(view).drop();
		}
		database.getCollection("trackingtokens").deleteMany(Filters.in("processorName", VIEWS.values()));
		for (String instance : instances) {
			services.restart(instance);
		}
		for (String instance : instances) {
			services.awaitHealthy(instance, Duration.ofMinutes(3));
		}
		Run.await(Duration.ofMinutes(5), () -> differing(database, before) == 0);
		long documents = before.values().stream().mapToLong(Map::size).sum();
		long differing = differing(database, before);
		run.check(SCENARIO, "read models equal a replay", documents, differing, 0,
				before.get("ticket_views").size() + " tickets, " + before.get("issue_views").size() + " issues");
	}

	private static long differing(MongoDatabase database, Map<String, Map<String, Document>> before) {
		long differing = 0;
		for (Map.Entry<String, Map<String, Document>> view : before.entrySet()) {
			Map<String, Document> after = documents(database, view.getKey());
			for (Map.Entry<String, Document> document : view.getValue().entrySet()) {
				if (!Objects.equals(document.getValue(), after.get(document.getKey()))) {
					differing++;
				}
			}
			differing += after.keySet().stream().filter((id) -> !view.getValue().containsKey(id)).count();
		}
		return differing;
	}

	private static Map<String, Document> documents(MongoDatabase database, String collection) {
		Map<String, Document> documents = new HashMap<>();
		for (Document document : database.getCollection(collection).find()) {
			documents.put(String.valueOf(document.get("_id")), document);
		}
		return documents;
	}

}
