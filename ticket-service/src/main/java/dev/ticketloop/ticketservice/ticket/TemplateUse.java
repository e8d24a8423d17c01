package dev.ticketloop.ticketservice.ticket;

/**
 * The answer template a reply or resolution was written with (routing-service owns the
 * library; here it is a reference, recorded so the loop's measurements can count it).
 *
 * @param id the template's id
 * @param version its version, if known
 * @param automatic true when routing answered with it by itself, false when an agent did
 * (perhaps after editing it)
 */
public record TemplateUse(String id, Integer version, boolean automatic) {

	public TemplateUse {
		if (id == null || !id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
			throw new IllegalArgumentException("templateId: lower-case letters, digits and '-', 2 to 63");
		}
		if (version != null && version < 1) {
			throw new IllegalArgumentException("templateVersion: 1 or more");
		}
	}

}
