package dev.ticketloop.notificationservice.webhook;

import java.net.InetAddress;
import java.util.List;

import dev.ticketloop.notificationservice.webhook.CallbackAddressGuard.RefusedCallbackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackAddressGuardTests {

	private final CallbackAddressGuard guard = new CallbackAddressGuard(List.of());

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.169.254",
			"100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1",
			"fd12:3456::1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2001:db8::1" })
	void addresses_outside_the_public_internet_are_not_public(String address) throws Exception {
		assertThat(CallbackAddressGuard.isPublic(InetAddress.getByName(address))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808" })
	void public_addresses_are_public(String address) throws Exception {
		assertThat(CallbackAddressGuard.isPublic(InetAddress.getByName(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/hook", "https://10.1.2.3:8443/hook", "https://[::1]/hook",
			"https://localhost/hook", "https://169.254.169.254/latest/meta-data/" })
	void a_callback_on_a_private_address_is_refused(String url) {
		assertThatThrownBy(() -> this.guard.check(url)).isInstanceOf(RefusedCallbackException.class)
			.hasMessageContaining("not a public address");
	}

	@Test
	void plain_http_ftp_user_info_and_junk_are_refused() {
		assertThatThrownBy(() -> this.guard.check("http://93.184.215.14/hook")).hasMessageContaining("https");
		assertThatThrownBy(() -> this.guard.check("ftp://93.184.215.14/hook")).hasMessageContaining("https");
		assertThatThrownBy(() -> this.guard.check("https://user:pw@93.184.215.14/hook"))
			.hasMessageContaining("user info");
		assertThatThrownBy(() -> this.guard.check("::not a url::")).isInstanceOf(RefusedCallbackException.class);
	}

	@Test
	void an_allowed_host_or_range_may_be_private_and_plain_http() throws Exception {
		CallbackAddressGuard local = new CallbackAddressGuard(List.of("127.0.0.1", "10.20.0.0/16"));

		assertThat(local.check("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
		assertThat(local.resolve("10.20.3.4")).extracting(InetAddress::getHostAddress).containsExactly("10.20.3.4");
		assertThatThrownBy(() -> local.resolve("10.21.0.1")).hasMessageContaining("not a public address");
		assertThatThrownBy(() -> local.check("http://10.20.3.4/hook")).as("plain http only for allowed hosts")
			.hasMessageContaining("https");
	}

	@Test
	void the_resolver_refuses_what_the_check_refuses_at_connection_time() {
		assertThatThrownBy(() -> this.guard.resolve("127.0.0.1"))
			.isInstanceOf(CallbackAddressGuard.BlockedAddressException.class);
		assertThatThrownBy(() -> this.guard.resolve("localhost"))
			.isInstanceOf(CallbackAddressGuard.BlockedAddressException.class);
	}

}
