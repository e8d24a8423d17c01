package dev.ticketloop.infra.embedded;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several clients (as several instances of a service would) compare and set one document
 * at once: as on MongoDB, exactly one wins each claim, and no two increments see the same
 * value.
 */
@Tag("integration")
class AtomicWritesTests {

	private static final int CLIENTS = 8;

	@Test
	void exactly_one_of_many_clients_wins_each_claim() throws Exception {
		try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
			List<MongoClient> clients = clients(mongo);
			ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
			try {
				for (int round = 0; round < 40; round++) {
					String claim = "claim-" + round;
					clients.get(0).getDatabase("atomic").getCollection("claims").insertOne(new Document("_id", claim));
					CountDownLatch start = new CountDownLatch(1);
					List<Future<Boolean>> won = new ArrayList<>();
					for (int c = 0; c < CLIENTS; c++) {
						MongoCollection<Document> claims = clients.get(c).getDatabase("atomic").getCollection("claims");
						String owner = "client-" + c;
						Callable<Boolean> attempt = () -> {
							start.await();
							return claims.findOneAndUpdate(
									Filters.and(Filters.eq("_id", claim), Filters.exists("owner", false)),
									Updates.set("owner", owner)) != null;
						};
						won.add(threads.submit(attempt));
					}
					start.countDown();
					int winners = 0;
					for (Future<Boolean> w : won) {
						winners += w.get() ? 1 : 0;
					}
					assertThat(winners).as("winners of %s", claim).isEqualTo(1);
				}
			}
			finally {
				threads.shutdownNow();
				clients.forEach(MongoClient::close);
			}
		}
	}

	@Test
	void concurrent_increments_never_see_the_same_value() throws Exception {
		try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
			List<MongoClient> clients = clients(mongo);
			ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
			try {
				List<Future<List<Long>>> seen = new ArrayList<>();
				for (int c = 0; c < CLIENTS; c++) {
					MongoCollection<Document> counters = clients.get(c).getDatabase("atomic").getCollection("counters");
					seen.add(threads.submit(() -> {
						List<Long> values = new ArrayList<>();
						for (int i = 0; i < 300; i++) {
							Document after = counters.findOneAndUpdate(Filters.eq("_id", "global"),
									Updates.inc("next", 1),
									new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
							values.add(after.get("next", Number.class).longValue());
						}
						return values;
					}));
				}
				Set<Long> all = new HashSet<>();
				for (Future<List<Long>> s : seen) {
					all.addAll(s.get());
				}
				assertThat(all).hasSize(CLIENTS * 300);
			}
			finally {
				threads.shutdownNow();
				clients.forEach(MongoClient::close);
			}
		}
	}

	private static List<MongoClient> clients(EmbeddedMongo mongo) {
		List<MongoClient> clients = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			clients.add(MongoClients.create(mongo.connectionString()));
		}
		return clients;
	}

}
