package dev.ticketloop.ticketservice.intake;

import dev.ticketloop.contracts.ContractFormats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a channel adapter sends to open a ticket. Only these fields are read: anything
 * else in the payload (a status, an assignee...) has no effect.
 */
public record OpenTicketRequest(@NotBlank String channel, @NotBlank @Size(max = 200) String customerRef,
		@NotNull @Valid ContactRequest contact,
		@NotBlank @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*",
				message = "must be a BCP 47 language tag such as en, es-MX or zh-Hans-CN") String locale,
		@NotBlank @Size(max = 300) String subject, @NotBlank @Size(max = 20_000) String body,
		@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}",
				message = "must be a tier name such as vip, standard or marketplace (lower case, digits, -)") String customerTier,
		@Pattern(regexp = ContractFormats.PLATFORM,
				message = "must be one of ios, android, web, windows, macos, linux, other") String platform,
		@Size(max = 60) @Pattern(regexp = ContractFormats.PRODUCT_VERSION,
				message = "must be a version such as 4.2.1 or 4.3.0-beta.2") String productVersion) {

	/**
	 * @param email required when the channel is e-mail
	 * @param timeZone the customer's IANA time zone, e.g. {@code America/Mexico_City}
	 */
	public record ContactRequest(
			@Pattern(regexp = ContractFormats.EMAIL,
					message = "must be a well-formed email address") @Size(max = 254) String email,
			@Size(max = 200) String name, @Size(max = 64) String timeZone) {
	}

}
