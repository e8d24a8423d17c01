package dev.ticketloop.infra.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local system's data must survive a restart: the broker's logs and the stand-in's
 * file.
 */
@Tag("integration")
class EmbeddedInfrastructureTests {

	@TempDir
	Path dir;

	@Test
	void a_record_written_before_a_broker_restart_is_read_after_it() throws Exception {
		try (EmbeddedKafka kafka = EmbeddedKafka.start(this.dir.resolve("kafka"), 0)) {
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("restart-test", "k", "before restart")).get();
			}
		}
		try (EmbeddedKafka kafka = EmbeddedKafka.start(this.dir.resolve("kafka"), 0)) {
			assertThat(readAll(kafka.bootstrapServers(), "restart-test")).containsExactly("before restart");
		}
	}

	@Test
	void documents_in_the_h2_backed_stand_in_survive_a_restart() {
		Path file = this.dir.resolve("mongo.mv");
		try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
				MongoClient client = MongoClients.create(mongo.connectionString())) {
			client.getDatabase("db").getCollection("c").insertOne(new Document("_id", "kept").append("n", 1));
		}
		try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
				MongoClient client = MongoClients.create(mongo.connectionString())) {
			MongoCollection<Document> collection = client.getDatabase("db").getCollection("c");
			assertThat(collection.find(new Document("_id", "kept")).first()).containsEntry("n", 1);
		}
	}

	private static List<String> readAll(String bootstrap, String topic) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "reader",
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.isEmpty() && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}

}
