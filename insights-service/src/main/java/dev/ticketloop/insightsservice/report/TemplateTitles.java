package dev.ticketloop.insightsservice.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.ticketloop.contracts.CloudEventCodec;
import dev.ticketloop.contracts.Topics;
import dev.ticketloop.contracts.routing.TemplateApprovedV1;
import dev.ticketloop.platform.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The titles of the answer templates, for the top questions: read from routing-service's
 * template library ({@code ticketloop.routing.templates.v1}, compacted, the latest
 * approved version of each template), every instance all of it, and kept in memory and in
 * MongoDB ({@code insight_templates}, the highest version's). A retired template keeps
 * its title (the tickets it answered still count under it) although compaction leaves
 * only its retirement on the topic.
 */
@Configuration(proxyBeanMethods = false)
public class TemplateTitles {

	private final CloudEventCodec codec;

	/** A template's title as of one of its versions. */
	private record Titled(int version, String title) {
	}

	private final Map<String, Titled> titles = new ConcurrentHashMap<>();

	private final MongoCollection<Document> stored;

	TemplateTitles(CloudEventCodec codec, MongoDatabase database) {
		this.codec = codec;
		this.stored = database.getCollection("insight_templates");
	}

	/**
	 * The title of the template's latest approved version, or null when none was read.
	 */
	public String title(String templateId) {
		if (templateId == null) {
			return null;
		}
		Titled titled = this.titles.get(templateId);
		if (titled == null) {
			Document found = this.stored.find(Filters.eq("_id", templateId)).first();
			if (found == null) {
				return null;
			}
			titled = this.titles.merge(templateId,
					new Titled(found.get("version", Number.class).intValue(), found.getString("title")),
					TemplateTitles::later);
		}
		return titled.title();
	}

	void on(ConsumerRecord<String, byte[]> record) {
		this.codec.read(record.value()).ifPresent((event) -> {
			if (event.data() instanceof TemplateApprovedV1 approved && approved.title() != null) {
				// read again from the beginning after a failure: the latest version wins
				this.titles.merge(approved.templateId(), new Titled(approved.version(), approved.title()),
						TemplateTitles::later);
				store(approved.templateId(), approved.version(), approved.title());
			}
		});
	}

	private static Titled later(Titled had, Titled now) {
		return (now.version() >= had.version()) ? now : had;
	}

	private void store(String templateId, int version, String title) {
		UpdateResult updated = this.stored.updateOne(
				Filters.and(Filters.eq("_id", templateId), Filters.lte("version", version)),
				Updates.combine(Updates.set("version", version), Updates.set("title", title)));
		if (updated.getMatchedCount() == 0) {
			try {
				this.stored
					.insertOne(new Document("_id", templateId).append("version", version).append("title", title));
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				// a later version is stored already
			}
		}
	}

	@Bean
	TopicReader templateTitlesReader(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
		return new TopicReader("template-titles", Topics.ROUTING_TEMPLATES, bootstrapServers, this::on);
	}

}
