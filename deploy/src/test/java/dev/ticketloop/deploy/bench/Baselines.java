package dev.ticketloop.deploy.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * What the infrastructure itself does on this machine, measured in the same run as the
 * scenarios: the broker's raw produce and consume rate (the services' producer settings,
 * records of the size of a ticket event) and the store's raw insert and {@code _id}
 * lookup rate.
 */
final class Baselines {

	static final String SCENARIO = "baseline";

	static final String KAFKA_PRODUCE = "raw Kafka produce (idempotent, acks=all, 600 B)";

	static final String KAFKA_CONSUME = "raw Kafka consume";

	static final String MONGO_INSERT = "raw MongoDB insertOne";

	static final String MONGO_LOOKUP = "raw MongoDB _id lookup";

	private Baselines() {
	}

	static void measure(Report report, String kafka, String mongo, int records, int documents) throws Exception {
		try {
			measureKafka(report, kafka, records);
		}
		catch (Exception ex) {
			// a baseline that cannot be measured is reported as such, not invented
			report.notRun(SCENARIO, KAFKA_PRODUCE, null, ex.toString());
		}
		measureMongo(report, mongo, documents);
	}

	private static void measureKafka(Report report, String kafka, int records) throws Exception {
		String topic = "bench-baseline-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
			// every partition has a leader before the first send
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.stream()
				.anyMatch((p) -> p.leader() == null) && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
		}
		byte[] value = new byte[600];
		long start = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5,
						ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
						10_000),
				new StringSerializer(), new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sent = new ArrayList<>(records);
			for (int i = 0; i < records; i++) {
				sent.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 1000), value)));
			}
			for (Future<RecordMetadata> future : sent) {
				future.get();
			}
		}
		report.add(Report.Figure.of(SCENARIO, KAFKA_PRODUCE, records / seconds(start), "records/s"));

		start = System.nanoTime();
		int consumed = 0;
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, topic,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (consumed < records && System.nanoTime() < deadline) {
				consumed += consumer.poll(Duration.ofMillis(100)).count();
			}
		}
		report.add(Report.Figure.of(SCENARIO, KAFKA_CONSUME, consumed / seconds(start), "records/s")
			.note((consumed == records) ? null : "only " + consumed + " of " + records + " consumed"));

	}

	private static void measureMongo(Report report, String mongo, int documents) {
		long start;
		try (MongoClient client = MongoClients.create(mongo)) {
			MongoCollection<Document> collection = client.getDatabase("bench-baseline-" + UUID.randomUUID())
				.getCollection("raw");
			start = System.nanoTime();
			for (int i = 0; i < documents; i++) {
				collection
					.insertOne(new Document("_id", "doc-" + i).append("status", "NEW").append("body", "x".repeat(400)));
			}
			report.add(Report.Figure.of(SCENARIO, MONGO_INSERT, documents / seconds(start), "docs/s"));
			start = System.nanoTime();
			for (int i = 0; i < documents; i++) {
				collection.find(Filters.eq("_id", "doc-" + ((i * 7919) % documents))).first();
			}
			report.add(Report.Figure.of(SCENARIO, MONGO_LOOKUP, documents / seconds(start), "lookups/s"));
			collection.drop();
		}
	}

	static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

}
