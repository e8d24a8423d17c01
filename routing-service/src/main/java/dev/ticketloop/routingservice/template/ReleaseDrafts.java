package dev.ticketloop.routingservice.template;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ticketloop.routingservice.template.TemplateCommand.DraftReleaseTemplate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Release communication prepared ahead: when engineering schedules a fix for a known
 * issue, support gets a drafted template for it ({@code release-<issue key>}, linked to
 * the issue, in English, Spanish and Chinese, the released version as
 * {@code {{version}}}) to review and approve before the release ships. A release template
 * is never matched against tickets.
 */
public class ReleaseDrafts {

	private static final Logger log = LoggerFactory.getLogger(ReleaseDrafts.class);

	private static final Map<String, String> ANSWERS = Map.of("en",
			"Good news: the problem you reported is fixed in version {{version}}, which is now available. Please "
					+ "update to it; if the problem still happens after the update, reply to this message and mention "
					+ "ticket {{ticketId}}.",
			"es",
			"Buenas noticias: el problema que nos comunicó está corregido en la versión {{version}}, que ya está "
					+ "disponible. Actualice a esa versión; si el problema sigue ocurriendo después de actualizar, "
					+ "responda a este mensaje indicando el ticket {{ticketId}}.",
			"zh", "好消息：您反馈的问题已在 {{version}} 版本中修复，新版本现已发布。请更新到该版本；如果更新后问题仍然存在，请回复本邮件并注明工单号 {{ticketId}}。");

	private final CommandGateway commands;

	public ReleaseDrafts(CommandGateway commands) {
		this.commands = commands;
	}

	/** The id of a known issue's release template. */
	public static String templateIdOf(String issueKey) {
		return "release-" + issueKey.toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Engineering scheduled a fix for the issue (again when the target changes).
	 * @param title the issue's title, if known
	 */
	public void fixScheduled(String issueKey, String title, String targetVersion, Instant scheduledAt) {
		String subject = (title != null && !title.isBlank()) ? title : issueKey;
		TemplateContent content = new TemplateContent(
				clip("Fixed in version " + targetVersion + ": " + subject + " (" + issueKey + ")"), "release", issueKey,
				Map.of(), ANSWERS);
		try {
			this.commands.sendAndWait(new DraftReleaseTemplate(templateIdOf(issueKey), content,
					"fix-scheduled:" + issueKey + "@" + scheduledAt));
		}
		catch (ConcurrencyException ex) {
			log.debug("The release template of {} was drafted by another instance", issueKey);
		}
		catch (InvalidTemplateException ex) {
			log.warn("No release template drafted for {}: {}", issueKey, List.copyOf(ex.faults()));
		}
	}

	private static String clip(String title) {
		return (title.length() > 200) ? title.substring(0, 199) + "…" : title;
	}

}
