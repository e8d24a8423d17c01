package dev.ticketloop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/compose/docker-compose.yml} as Docker Compose reads it: YAML with anchors
 * and merge keys, each {@code ${VARIABLE}} filled in from the variables of an env file
 * the way Compose interpolates them.
 */
final class ComposeFile {

	/** The compose directory (tests run in the deploy module's directory). */
	static final Path DIRECTORY = Path.of("compose");

	/** The services built from this project. */
	static final List<String> SERVICES = List.of("ticket-service", "routing-service", "notification-service",
			"insights-service");

	/** The host port each publishes its API on (as {@code bin/run} does). */
	static final Map<String, Integer> PUBLISHED_PORTS = Map.of("ticket-service", 8081, "routing-service", 8082,
			"notification-service", 8083, "insights-service", 8084);

	/** The port every service listens on inside its container (the Dockerfile's). */
	static final int CONTAINER_PORT = 8080;

	/** {@code $$}, {@code $NAME} or {@code ${...}} (up to the first closing brace). */
	private static final Pattern REFERENCE = Pattern.compile("\\$(?:(\\$)|([A-Za-z_][A-Za-z0-9_]*)|\\{([^}]*)})");

	/** Inside braces: a name, then optionally an operator and its word. */
	private static final Pattern BRACED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?", Pattern.DOTALL);

	/**
	 * A client of the services' APIs as the file configures it.
	 *
	 * @param index its position in {@code TICKETLOOP_SECURITY_APIKEYS_<index>_*}
	 */
	record ApiKey(int index, String name, String key, String role, String channel) {

		/** {@code ROLE} or, for adapters, {@code ADAPTER:channel}. */
		String client() {
			return (this.channel != null) ? this.role + ":" + this.channel : this.role;
		}

	}

	private final String text;

	private final Map<String, Object> services;

	private ComposeFile(String text, Map<String, Object> services) {
		this.text = text;
		this.services = services;
	}

	static ComposeFile read() {
		String text = readString(DIRECTORY.resolve("docker-compose.yml"));
		Map<String, Object> document = new Yaml().load(text);
		return new ComposeFile(text, map(document.get("services")));
	}

	Set<String> services() {
		return this.services.keySet();
	}

	Map<String, Object> service(String name) {
		Map<String, Object> service = map(this.services.get(name));
		if (service == null) {
			throw new IllegalArgumentException("No service " + name + " in the compose file");
		}
		return service;
	}

	/** Its environment as written, before interpolation. */
	Map<String, String> rawEnvironment(String service) {
		Object environment = service(service).get("environment");
		Map<String, String> entries = new TreeMap<>();
		if (environment instanceof Map<?, ?> map) {
			map.forEach((k, v) -> entries.put(String.valueOf(k), (v != null) ? String.valueOf(v) : ""));
		}
		else if (environment instanceof List<?> list) {
			for (Object entry : list) {
				String[] pair = String.valueOf(entry).split("=", 2);
				entries.put(pair[0], (pair.length > 1) ? pair[1] : "");
			}
		}
		return entries;
	}

	/**
	 * The environment its container gets, with the given variables (an env file's)
	 * interpolated.
	 * @throws IllegalArgumentException where Compose would stop: a required variable has
	 * no value
	 */
	Map<String, String> environment(String service, Map<String, String> variables) {
		Map<String, String> environment = new TreeMap<>();
		rawEnvironment(service).forEach((name, value) -> environment.put(name, interpolate(value, variables)));
		return environment;
	}

	List<String> ports(String service) {
		List<?> ports = (List<?>) service(service).get("ports");
		return (ports != null) ? ports.stream().map(String::valueOf).toList() : List.of();
	}

	/** The health check's command as one string, or {@code null} without one. */
	String healthCheck(String service) {
		Map<String, Object> healthCheck = map(service(service).get("healthcheck"));
		if (healthCheck == null || healthCheck.get("test") == null) {
			return null;
		}
		Object test = healthCheck.get("test");
		return (test instanceof List<?> words) ? String.join(" ", words.stream().map(String::valueOf).toList())
				: String.valueOf(test);
	}

	/** What the service waits for: each service it depends on and the condition. */
	Map<String, String> dependsOn(String service) {
		Object dependsOn = service(service).get("depends_on");
		Map<String, String> conditions = new TreeMap<>();
		if (dependsOn instanceof List<?> list) {
			list.forEach((name) -> conditions.put(String.valueOf(name), "service_started"));
		}
		else if (dependsOn instanceof Map<?, ?> map) {
			map.forEach((name, how) -> {
				Map<String, Object> options = map(how);
				Object condition = (options != null) ? options.get("condition") : null;
				conditions.put(String.valueOf(name),
						(condition != null) ? String.valueOf(condition) : "service_started");
			});
		}
		return conditions;
	}

	/**
	 * Every variable the file refers to, with what it says when it is missing: the
	 * operator and word of {@code ${NAME:?word}}, {@code ${NAME:-word}} and so on
	 * ({@code ""} for a plain {@code ${NAME}}).
	 */
	Map<String, String> variables() {
		Map<String, String> variables = new TreeMap<>();
		Matcher reference = REFERENCE.matcher(this.text);
		while (reference.find()) {
			if (reference.group(2) != null) {
				variables.put(reference.group(2), "");
			}
			else if (reference.group(3) != null) {
				Matcher braced = braced(reference.group(3));
				variables.put(braced.group(1), (braced.group(2) != null) ? braced.group(2) + braced.group(3) : "");
			}
		}
		return variables;
	}

	/** The clients configured in a service's environment, in order. */
	static List<ApiKey> apiKeys(Map<String, String> environment) {
		Pattern entry = Pattern.compile("TICKETLOOP_SECURITY_APIKEYS_(\\d+)_(NAME|KEY|ROLE|CHANNEL)");
		Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
		environment.forEach((name, value) -> {
			Matcher m = entry.matcher(name);
			if (m.matches()) {
				byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), (i) -> new LinkedHashMap<>())
					.put(m.group(2), value);
			}
		});
		List<ApiKey> keys = new ArrayList<>();
		byIndex.forEach((index, fields) -> keys
			.add(new ApiKey(index, fields.get("NAME"), fields.get("KEY"), fields.get("ROLE"), fields.get("CHANNEL"))));
		return keys;
	}

	/** Compose's interpolation of one value. */
	static String interpolate(String value, Map<String, String> variables) {
		Matcher reference = REFERENCE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (reference.find()) {
			String replacement;
			if (reference.group(1) != null) {
				replacement = "$";
			}
			else if (reference.group(2) != null) {
				replacement = variables.getOrDefault(reference.group(2), "");
			}
			else {
				replacement = substitute(braced(reference.group(3)), variables);
			}
			reference.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		reference.appendTail(result);
		return result.toString();
	}

	private static Matcher braced(String expression) {
		Matcher braced = BRACED.matcher(expression);
		// nested references and braces are read differently by different Compose versions
		if (!braced.matches() || expression.contains("{") || expression.contains("$")) {
			throw new IllegalArgumentException("Keep ${" + expression + "} simple: a name, an operator and a word");
		}
		return braced;
	}

	private static String substitute(Matcher braced, Map<String, String> variables) {
		String name = braced.group(1);
		String operator = braced.group(2);
		String word = braced.group(3);
		String value = variables.get(name);
		boolean set = value != null;
		boolean nonEmpty = set && !value.isEmpty();
		if (operator == null) {
			return set ? value : "";
		}
		return switch (operator) {
			case ":-" -> nonEmpty ? value : word;
			case "-" -> set ? value : word;
			case ":+" -> nonEmpty ? word : "";
			case "+" -> set ? word : "";
			case ":?", "?" -> {
				if ((operator.equals(":?") && !nonEmpty) || !set) {
					throw new IllegalArgumentException("required variable " + name + " is missing a value: " + word);
				}
				yield value;
			}
			default -> throw new IllegalArgumentException("Unknown operator in ${" + name + operator + word + "}");
		};
	}

	/** An env file's variables: {@code NAME=value} lines, {@code #} comments. */
	static Map<String, String> readEnvFile(Path file) {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String line : readString(file).split("\n")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			String[] pair = trimmed.split("=", 2);
			variables.put(pair[0].strip(), (pair.length > 1) ? pair[1].strip() : "");
		}
		return variables;
	}

	/**
	 * The env file {@code generate-env} writes, as a newcomer following the README gets
	 * it.
	 */
	static Map<String, String> generateEnvFile(Path directory) {
		Path file = directory.resolve(".env");
		try {
			Process generate = new ProcessBuilder("bash", DIRECTORY.resolve("generate-env").toString(), file.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(generate.getInputStream().readAllBytes());
			if (!generate.waitFor(30, TimeUnit.SECONDS) || generate.exitValue() != 0) {
				throw new IllegalStateException("generate-env failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return readEnvFile(file);
	}

	static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : null;
	}

	static Set<String> hosts(String addresses) {
		Set<String> hosts = new LinkedHashSet<>();
		for (String address : addresses.split(",")) {
			hosts.add(address.strip().replaceFirst(":\\d+$", ""));
		}
		return hosts;
	}

}
