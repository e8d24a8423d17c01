package dev.ticketloop.deploy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries the architecture promises, checked on the compiled code of every module.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.ticketloop");

	private static final String[] INFRASTRUCTURE = { "org.springframework..", "com.mongodb..", "org.bson..",
			"org.apache.kafka..", "jakarta.mail..", "jakarta.servlet..", "tools.jackson.databind.." };

	/** Aggregates and the commands and events they speak. */
	private static final DescribedPredicate<JavaClass> DOMAIN = new DescribedPredicate<>(
			"aggregates, commands and events") {
		@Override
		public boolean test(JavaClass c) {
			return c.isAnnotatedWith(Aggregate.class) || c.getSimpleName().endsWith("Command")
					|| c.getSimpleName().endsWith("Event")
					|| c.getEnclosingClass()
						.map((outer) -> outer.getSimpleName().endsWith("Command")
								|| outer.getSimpleName().endsWith("Event"))
						.orElse(false);
		}
	};

	@Test
	void domain_code_knows_nothing_of_spring_mongodb_kafka_or_the_web() {
		noClasses().that(DOMAIN)
			.and()
			.resideOutsideOfPackage("dev.ticketloop.contracts..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(INFRASTRUCTURE)
			.check(CLASSES);
	}

	@Test
	void the_published_language_is_plain_java() {
		noClasses().that()
			.resideInAPackage("dev.ticketloop.contracts..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.axonframework..", "dev.ticketloop.platform..")
			.check(CLASSES);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ticketservice", "routingservice", "notificationservice", "insightsservice" })
	void a_service_never_depends_on_another_service(String service) {
		String[] others = java.util.stream.Stream
			.of("ticketservice", "routingservice", "notificationservice", "insightsservice")
			.filter((s) -> !s.equals(service))
			.map((s) -> "dev.ticketloop." + s + "..")
			.toArray(String[]::new);
		noClasses().that()
			.resideInAPackage("dev.ticketloop." + service + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.check(CLASSES);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ticketservice", "routingservice", "notificationservice", "insightsservice", "platform" })
	void the_features_of_a_module_have_no_cycles(String module) {
		slices().matching("dev.ticketloop." + module + ".(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void shared_modules_never_depend_on_a_service() {
		noClasses().that()
			.resideInAnyPackage("dev.ticketloop.platform..", "dev.ticketloop.contracts..", "dev.ticketloop.infra..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.ticketloop.ticketservice..", "dev.ticketloop.routingservice..",
					"dev.ticketloop.notificationservice..", "dev.ticketloop.insightsservice..")
			.check(CLASSES);
	}

	/**
	 * The console knows the services only by their HTTP APIs (ADR 18): none of their
	 * code, not even the platform's.
	 */
	@Test
	void the_console_depends_on_no_service_and_not_on_the_platform() {
		noClasses().that()
			.resideInAPackage("dev.ticketloop.console..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.ticketloop.ticketservice..", "dev.ticketloop.routingservice..",
					"dev.ticketloop.notificationservice..", "dev.ticketloop.insightsservice..",
					"dev.ticketloop.platform..", "dev.ticketloop.contracts..")
			.check(CLASSES);
	}

}
