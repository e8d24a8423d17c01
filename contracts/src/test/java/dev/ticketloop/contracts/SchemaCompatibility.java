package dev.ticketloop.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Compares a published type's JSON Schema with the one of the last release, from a
 * consumer's side: whatever a consumer built on the released schema may rely on must
 * still hold. Breaking: a field removed (or renamed: removed and added), its type or
 * format changed, a new required field, a required field made optional, an enum value
 * removed, a constraint narrowed (longer minimum, shorter maximum, a pattern changed).
 * Additive: a new optional field, a new enum value, a constraint widened, descriptions.
 * Nested objects ({@code properties}), array items and map values
 * ({@code additionalProperties}) are compared the same way.
 */
final class SchemaCompatibility {

	private SchemaCompatibility() {
	}

	/** One breaking change at a place of a type's data. */
	record Break(String kind, String path, String detail) {

		@Override
		public String toString() {
			return this.kind + " at " + this.path + ": " + this.detail;
		}

	}

	static List<Break> breaks(JsonNode released, JsonNode current) {
		List<Break> breaks = new ArrayList<>();
		compare("data", released, current, breaks);
		return breaks;
	}

	private static void compare(String path, JsonNode released, JsonNode current, List<Break> breaks) {
		Set<String> releasedTypes = types(released);
		Set<String> currentTypes = types(current);
		if (!releasedTypes.equals(currentTypes)) {
			breaks.add(new Break("type changed", path, releasedTypes + " became " + currentTypes));
		}
		same("format changed", path, released, current, "format", breaks);
		same("constant changed", path, released, current, "const", breaks);
		same("pattern changed", path, released, current, "pattern", breaks);
		narrowed(path, released, current, "minLength", true, breaks);
		narrowed(path, released, current, "minimum", true, breaks);
		narrowed(path, released, current, "minItems", true, breaks);
		narrowed(path, released, current, "maxLength", false, breaks);
		narrowed(path, released, current, "maximum", false, breaks);
		narrowed(path, released, current, "maxItems", false, breaks);
		if (released.has("enum")) {
			Set<String> values = values(current.get("enum"));
			for (String value : values(released.get("enum"))) {
				if (current.has("enum") && !values.contains(value)) {
					breaks.add(new Break("enum value removed", path, value));
				}
			}
		}
		Set<String> releasedRequired = values(released.get("required"));
		Set<String> currentRequired = values(current.get("required"));
		for (String field : currentRequired) {
			if (!releasedRequired.contains(field)) {
				breaks.add(new Break("new required field", path + "." + field,
						"producers and recorded history do not have it"));
			}
		}
		for (String field : releasedRequired) {
			if (!currentRequired.contains(field) && has(current, field)) {
				breaks.add(new Break("required field made optional", path + "." + field,
						"consumers rely on it being there"));
			}
		}
		JsonNode releasedProperties = released.path("properties");
		for (String field : releasedProperties.propertyNames()) {
			if (!has(current, field)) {
				breaks.add(new Break("field removed", path + "." + field, "consumers read it (a rename is a removal)"));
			}
			else {
				compare(path + "." + field, releasedProperties.get(field), current.get("properties").get(field),
						breaks);
			}
		}
		if (released.has("items") && current.has("items")) {
			compare(path + "[]", released.get("items"), current.get("items"), breaks);
		}
		if (released.path("additionalProperties").isObject() && current.path("additionalProperties").isObject()) {
			compare(path + "{}", released.get("additionalProperties"), current.get("additionalProperties"), breaks);
		}
	}

	private static boolean has(JsonNode schema, String field) {
		return schema.path("properties").has(field);
	}

	private static Set<String> types(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type == null) {
			return Set.of();
		}
		return type.isArray() ? values(type) : Set.of(type.asString());
	}

	private static Set<String> values(JsonNode array) {
		Set<String> values = new LinkedHashSet<>();
		if (array != null) {
			array.forEach((value) -> values.add(value.isString() ? value.asString() : value.toString()));
		}
		return values;
	}

	private static void same(String kind, String path, JsonNode released, JsonNode current, String keyword,
			List<Break> breaks) {
		JsonNode before = released.get(keyword);
		JsonNode after = current.get(keyword);
		if (before != null && !before.equals(after)) {
			breaks.add(new Break(kind, path, before + " became " + ((after != null) ? after : "absent")));
		}
		else if (before == null && after != null) {
			breaks.add(new Break(kind, path, "absent became " + after));
		}
	}

	/** A lower bound raised, an upper bound lowered, or a bound added. */
	private static void narrowed(String path, JsonNode released, JsonNode current, String keyword, boolean lower,
			List<Break> breaks) {
		JsonNode after = current.get(keyword);
		if (after == null) {
			return;
		}
		JsonNode before = released.get(keyword);
		boolean narrower = (before == null)
				|| (lower ? after.asDouble() > before.asDouble() : after.asDouble() < before.asDouble());
		if (narrower) {
			breaks.add(new Break("constraint narrowed", path,
					keyword + " " + ((before != null) ? before : "absent") + " became " + after));
		}
	}

	/** The field names of a set, for messages. */
	static Set<String> names(List<Break> breaks) {
		Set<String> names = new HashSet<>();
		breaks.forEach((b) -> names.add(b.kind()));
		return names;
	}

}
