package dev.ticketloop.notificationservice.webhook;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.hc.client5.http.DnsResolver;

/**
 * Keeps webhooks away from private networks (SSRF): a callback URL whose host resolves to
 * a loopback, private, link-local, shared, multicast or otherwise non-public address is
 * refused, unless the host (or its address range) is explicitly allowed. The check runs
 * when an adapter registers its URL and again at each connection, as the HTTP client's
 * resolver: a name that changes its address after registration (DNS rebinding) is refused
 * too, and only the checked addresses are connected to. Plain HTTP is allowed only for
 * allowed hosts.
 */
public final class CallbackAddressGuard implements DnsResolver {

	private final List<String> allowedNames;

	private final List<Cidr> allowedRanges;

	public CallbackAddressGuard(List<String> allowed) {
		this.allowedNames = allowed.stream()
			.filter((a) -> !a.contains("/"))
			.map((a) -> a.trim().toLowerCase(Locale.ROOT))
			.toList();
		this.allowedRanges = allowed.stream().filter((a) -> a.contains("/")).map(Cidr::parse).toList();
	}

	/**
	 * @throws RefusedCallbackException saying why the URL cannot be a callback
	 */
	public URI check(String url) {
		URI uri;
		try {
			uri = URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new RefusedCallbackException("url: not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new RefusedCallbackException("url: must be an https URL");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			throw new RefusedCallbackException(
					"url: must be an absolute URL with a host, without user info or fragment");
		}
		String host = unbracket(uri.getHost());
		if (scheme.equals("http") && !isAllowedName(host)) {
			throw new RefusedCallbackException("url: must be an https URL");
		}
		try {
			resolve(host);
		}
		catch (BlockedAddressException ex) {
			throw new RefusedCallbackException("url: " + ex.getMessage());
		}
		catch (UnknownHostException ex) {
			throw new RefusedCallbackException("url: the host " + host + " cannot be resolved");
		}
		return uri;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		String name = unbracket(host);
		InetAddress[] addresses = InetAddress.getAllByName(name);
		if (isAllowedName(name)) {
			return addresses;
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address) && !inAllowedRange(address)) {
				throw new BlockedAddressException(name, address);
			}
		}
		return addresses;
	}

	@Override
	public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
		return Arrays.stream(resolve(host)).map((a) -> new InetSocketAddress(a, port)).toList();
	}

	@Override
	public String resolveCanonicalHostname(String host) throws UnknownHostException {
		InetAddress[] addresses = resolve(host);
		String canonical = addresses[0].getCanonicalHostName();
		return canonical.equals(addresses[0].getHostAddress()) ? host : canonical;
	}

	private boolean isAllowedName(String host) {
		return this.allowedNames.contains(host.toLowerCase(Locale.ROOT));
	}

	private boolean inAllowedRange(InetAddress address) {
		return this.allowedRanges.stream().anyMatch((r) -> r.contains(address));
	}

	/** Whether an address is on the public internet. */
	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (b.length == 4) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return !(first == 0 || first >= 240 // this network, reserved and broadcast
					|| (first == 100 && second >= 64 && second < 128) // shared (CGNAT)
					|| (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF
																			// protocol
					|| (first == 198 && (second == 18 || second == 19))); // benchmarking
		}
		int first = b[0] & 0xff;
		if ((first & 0xfe) == 0xfc) {
			return false; // unique local fc00::/7
		}
		if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
			return false; // documentation 2001:db8::/32
		}
		boolean v4Translated = first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b; // 64:ff9b::/96
																															// embeds
																															// an
																															// IPv4
																															// address
		boolean v4Compatible = Arrays.stream(new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 })
			.allMatch((i) -> b[i] == 0);
		if (v4Translated || v4Compatible) {
			try {
				return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}
		return true;
	}

	private static String unbracket(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/** A callback the guard will not call. */
	public static class RefusedCallbackException extends RuntimeException {

		public RefusedCallbackException(String message) {
			super(message);
		}

	}

	/** Thrown by the resolver: the host resolves to an address that is not public. */
	static class BlockedAddressException extends UnknownHostException {

		BlockedAddressException(String host, InetAddress address) {
			super(host + " resolves to " + address.getHostAddress()
					+ ", which is not a public address (allow it with ticketloop.webhooks.allowed-hosts)");
		}

	}

	/** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
	record Cidr(BigInteger network, int prefix, int bits) {

		static Cidr parse(String cidr) {
			String[] parts = cidr.trim().split("/");
			try {
				byte[] address = InetAddress.getByName(parts[0]).getAddress();
				int prefix = Integer.parseInt(parts[1]);
				return new Cidr(new BigInteger(1, address).shiftRight(address.length * 8 - prefix), prefix,
						address.length * 8);
			}
			catch (UnknownHostException | NumberFormatException | ArrayIndexOutOfBoundsException ex) {
				throw new IllegalArgumentException("ticketloop.webhooks.allowed-hosts: not an address range: " + cidr);
			}
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			return bytes.length * 8 == this.bits
					&& new BigInteger(1, bytes).shiftRight(this.bits - this.prefix).equals(this.network);
		}

	}

}
